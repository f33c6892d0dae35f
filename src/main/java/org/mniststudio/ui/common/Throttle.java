package org.mniststudio.ui.common;

import javafx.util.Duration;

/**
 * Runs an action on the FX thread at most once per interval however often it is requested; a request made
 * too soon is run once at the end of the interval, so the last state is never missed. The delayed run is
 * timed by an {@link FxTimer}, like the window's other timed work. FX thread.
 */
public final class Throttle {
    private final long intervalNanos;
    private final Runnable action;
    /** The delayed run, while one is scheduled. */
    private FxTimer pending;
    private long lastRun = Long.MIN_VALUE / 2;

    public Throttle(Duration interval, Runnable action) {
        this.intervalNanos = (long) (interval.toMillis() * 1_000_000);
        this.action = action;
    }

    /** Asks for the action: now if the interval has passed, otherwise once when it has. */
    public void request() {
        if (pending != null) {
            return;
        }
        long wait = lastRun + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            runNow();
        } else {
            pending = FxTimer.after(Duration.millis(Math.max(1, wait / 1_000_000.0)), () -> {
                pending = null;
                runNow();
            });
        }
    }

    /** Runs the action now, dropping a scheduled run. */
    public void flush() {
        cancel();
        runNow();
    }

    public void cancel() {
        pending = FxTimer.cancel(pending);
    }

    private void runNow() {
        lastRun = System.nanoTime();
        action.run();
    }
}
