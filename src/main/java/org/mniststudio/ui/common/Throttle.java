package org.mniststudio.ui.common;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action on the FX thread at most once per interval however often it is requested; a request made
 * too soon is run once at the end of the interval, so the last state is never missed.
 */
public final class Throttle {
    private final long intervalNanos;
    private final Runnable action;
    private final PauseTransition timer = new PauseTransition();
    private long lastRun = Long.MIN_VALUE / 2;
    private boolean scheduled;

    public Throttle(Duration interval, Runnable action) {
        this.intervalNanos = (long) (interval.toMillis() * 1_000_000);
        this.action = action;
        timer.setOnFinished(e -> {
            scheduled = false;
            runNow();
        });
    }

    /** Asks for the action: now if the interval has passed, otherwise once when it has. */
    public void request() {
        if (scheduled) {
            return;
        }
        long wait = lastRun + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            runNow();
        } else {
            scheduled = true;
            timer.setDuration(Duration.millis(Math.max(1, wait / 1_000_000.0)));
            timer.playFromStart();
        }
    }

    /** Runs the action now, dropping a scheduled run. */
    public void flush() {
        cancel();
        runNow();
    }

    public void cancel() {
        timer.stop();
        scheduled = false;
    }

    private void runNow() {
        lastRun = System.nanoTime();
        action.run();
    }
}
