package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import org.testfx.api.FxRobot;
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

    /**
     * Dismisses the start model's "Opened ..." message and waits until its bar has left the layout. Left
     * alone, it hides itself 8 s after the model loads and the bar's going moves everything below it up by
     * more than a button's height, so a robot click in flight at that moment lands beside its button.
     */
    public static void dismissMessage(StudioWindow window) {
        run(() -> window.studio().dismissMessage());
        // laid out again too: a stroke begun before the pulse that moves the canvas would end elsewhere on it
        waitUntil("the window laid out without the message bar", 10, () -> {
            Parent root = window.stage().getScene().getRoot();
            return !root.lookup(".message-bar").isManaged() && !root.isNeedsLayout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The node {@code query} finds, looked up on the FX thread: TestFX's look-up walks the scene graph, which
     * the FX thread may be changing meanwhile (the Train tab's chart drain does while a run trains).
     */
    public static <T extends Node> T node(FxRobot robot, String query, Class<T> type) {
        return call(() -> robot.lookup(query).queryAs(type));
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
