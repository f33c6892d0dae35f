package org.mniststudio.ui.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Runs an action on the FX thread after a delay or at a fixed rate, timed by a plain daemon thread.
 *
 * <p>Why not a {@code Timeline} or {@code PauseTransition}: while any JavaFX animation plays, JavaFX runs a
 * pulse 60 times a second even when nothing on screen changes, and every pulse wakes the FX thread and the
 * toolkit's threads. During training those wake-ups take a CPU from the training threads (LeNet under Xvfb:
 * about 80 wake-ups of the FX thread and 128 of Glass's invokeLater thread a second, for a chart drain that
 * runs four times a second and a message bar waiting to hide). This timer posts one
 * {@code Platform.runLater} when it is due, and a pulse runs only if the action changed something.
 */
public final class FxTimer {
    /** Name of the thread that keeps the time; it only posts to the FX thread. */
    public static final String THREAD_NAME = "fx-timer";

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    });

    private final Runnable action;
    /** Set by {@link #cancel()}, checked on the FX thread before the action runs. */
    private volatile boolean cancelled;
    /** A run is waiting in the FX queue: a fixed-rate tick posts no second one behind it. */
    private final AtomicBoolean posted = new AtomicBoolean();
    /** The clock's task; package-private for tests (a one-shot task is done once its run is posted). */
    volatile ScheduledFuture<?> future;

    private FxTimer(Runnable action) {
        this.action = action;
    }

    /** Runs {@code action} once on the FX thread after {@code delay}. Any thread. */
    public static FxTimer after(Duration delay, Runnable action) {
        FxTimer timer = new FxTimer(action);
        timer.future = CLOCK.schedule(timer::post, millis(delay), TimeUnit.MILLISECONDS);
        return timer;
    }

    /**
     * Runs {@code action} on the FX thread every {@code interval}, the first time one interval from now. If
     * the FX thread is too busy to keep up, runs are dropped rather than queued up. Any thread.
     */
    public static FxTimer every(Duration interval, Runnable action) {
        FxTimer timer = new FxTimer(action);
        long period = millis(interval);
        timer.future = CLOCK.scheduleAtFixedRate(timer::post, period, period, TimeUnit.MILLISECONDS);
        return timer;
    }

    /** No run of the action starts after this call, even one already posted. Any thread. */
    public void cancel() {
        cancelled = true;
        future.cancel(false);
    }

    /** Cancels {@code timer} if there is one; returns null, for {@code t = FxTimer.cancel(t)}. */
    public static FxTimer cancel(FxTimer timer) {
        if (timer != null) {
            timer.cancel();
        }
        return null;
    }

    private void post() {
        if (posted.compareAndSet(false, true)) {
            try {
                Platform.runLater(() -> {
                    try {
                        if (!cancelled) {
                            action.run();
                        }
                    } finally {
                        posted.set(false); // a tick during a slow action does not queue a second run
                    }
                });
            } catch (IllegalStateException toolkitGone) {
                posted.set(false); // the toolkit has exited: nothing left to run the action for
            }
        }
    }

    private static long millis(Duration d) {
        return Math.max(1, Math.round(d.toMillis()));
    }
}
