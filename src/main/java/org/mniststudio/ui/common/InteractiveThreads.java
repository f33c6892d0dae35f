package org.mniststudio.ui.common;

import java.util.List;

/**
 * The threads a person waits on while the window trains: the FX thread, the renderer, the pulse timer, the
 * software rasteriser's threads, the {@link FxTimer} that times the window's updates, and the Draw tab's
 * classifier (the bars follow each epoch's network). A training run started from the window gives way to
 * them (see {@code CpuPriority}); everything else yields, including model loading and evaluation.
 *
 * <p>Which threads draw depends on the toolkit: with GTK the pulse timer runs on the FX thread, and with
 * Mesa's software OpenGL (no GPU, as under Xvfb) the frames are rasterised by {@code llvmpipe-N} threads that
 * the renderer starts; headless Monocle (the tests) has a {@code Monocle Timer} thread that starts every
 * pulse. A lowered pulse timer or rasteriser delays every frame, however idle the FX thread. GLib's own
 * threads under GTK ({@code gmain}, {@code gdbus}) are kept as well: they hand GTK its events and are idle
 * otherwise.
 */
public final class InteractiveThreads {
    /** Name prefixes, as the kernel holds thread names: at most 15 characters. */
    private static final List<String> PREFIXES = List.of("JavaFX Applicat", "QuantumRenderer",
            "InvokeLaterDisp", "Monocle Timer", "llvmpipe-", "gmain", "gdbus",
            FxTimer.THREAD_NAME, "draw-classifier".substring(0, 15));

    private InteractiveThreads() {
    }

    public static boolean isInteractive(String threadName) {
        for (String prefix : PREFIXES) {
            if (threadName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
