package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers for tests that touch JavaFX: run on the FX thread, wait for a condition. */
public final class Fx {
    private Fx() {
    }

    /** Starts the JavaFX toolkit (headless under Monocle) the way TestFX does, so both can share it. */
    public static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    public static <T> T call(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX call failed: " + e, e);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Waits until {@code condition} (evaluated on the FX thread) holds, polling; fails with {@code what}
     * after {@code seconds}. Generous timeouts: the build machine may be slow and busy.
     */
    public static void waitUntil(String what, double seconds, BooleanSupplier condition) {
        waitUntil(what, seconds, condition, () -> "");
    }

    /**
     * As {@link #waitUntil(String, double, BooleanSupplier)}; on a time-out the failure also gives
     * {@code state} (read on the test thread), so that a failure on the build machine says where things stood.
     */
    public static void waitUntil(String what, double seconds, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (call(condition::getAsBoolean)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
        String where = state.get();
        fail("timed out after " + seconds + " s waiting for " + what + (where.isEmpty() ? "" : "; " + where));
    }
}
