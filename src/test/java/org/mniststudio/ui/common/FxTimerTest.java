package org.mniststudio.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mniststudio.ui.Fx;

/** The timer that replaces JavaFX animations for the window's timed work. */
class FxTimerTest {
    @BeforeAll
    static void toolkit() throws Exception {
        Fx.startToolkit();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // lets the timer's thread run; the test asserts what happened meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void afterRunsOnceOnTheFxThreadNoSoonerThanTheDelay() {
        List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
        AtomicReference<Long> ranAt = new AtomicReference<>();
        long start = System.nanoTime();
        Fx.run(() -> FxTimer.after(Duration.millis(120), () -> {
            ranAt.set(System.nanoTime());
            onFxThread.add(Platform.isFxApplicationThread());
        }));
        Fx.waitUntil("the delayed action", 10, () -> ranAt.get() != null);
        sleep(300);
        assertEquals(List.of(true), onFxThread, "ran once, on the FX thread");
        assertTrue((ranAt.get() - start) / 1e6 >= 115, "ran after " + (ranAt.get() - start) / 1e6 + " ms");
    }

    @Test
    void aCancelledTimerNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        Fx.run(() -> FxTimer.after(Duration.millis(100), runs::incrementAndGet).cancel());
        sleep(400);
        assertEquals(0, runs.get());
    }

    @Test
    void cancelStopsARunThatIsAlreadyPosted() {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean posted = new AtomicBoolean();
        Fx.run(() -> {
            FxTimer timer = FxTimer.after(Duration.millis(10), runs::incrementAndGet);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!timer.future.isDone() && System.nanoTime() < deadline) {
                sleep(5); // holds the FX thread until the timer has posted its run behind this one
            }
            posted.set(timer.future.isDone());
            timer.cancel();
        });
        sleep(300);
        assertTrue(posted.get(), "the timer posted its run while the FX thread was held");
        assertEquals(0, runs.get(), "the posted run saw the cancel");
    }

    @Test
    void everyRepeatsUntilCancelled() {
        AtomicInteger runs = new AtomicInteger();
        FxTimer timer = Fx.call(() -> FxTimer.every(Duration.millis(20), runs::incrementAndGet));
        Fx.waitUntil("three runs", 10, () -> runs.get() >= 3);
        Fx.run(timer::cancel);
        int atCancel = runs.get();
        sleep(300);
        assertEquals(atCancel, runs.get(), "no run after cancel");
    }

    @Test
    void aBusyFxThreadGetsOneRunNotAQueueOfThem() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger runsBeforeMarker = new AtomicInteger(-1);
        FxTimer timer = Fx.call(() -> {
            FxTimer t = FxTimer.every(Duration.millis(10), runs::incrementAndGet);
            sleep(1_000); // about 100 ticks while the FX thread is busy
            Platform.runLater(() -> runsBeforeMarker.set(runs.get())); // queued behind what the ticks posted
            return t;
        });
        Fx.waitUntil("the marker", 10, () -> runsBeforeMarker.get() >= 0);
        Fx.run(timer::cancel);
        assertEquals(1, runsBeforeMarker.get(), "the ticks of a busy FX thread were posted once");
    }
}
