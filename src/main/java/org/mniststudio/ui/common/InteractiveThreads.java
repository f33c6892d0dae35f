package org.mniststudio.ui.common;

import java.util.List;

/**
 * The threads a person waits on while the window trains: the FX thread, the renderer, and the Draw tab's
 * classifier (the bars follow each epoch's network). A training run started from the window gives way to
 * them (see {@code CpuPriority}); everything else yields, including model loading and evaluation.
 */
public final class InteractiveThreads {
    /** Name prefixes, as the kernel holds thread names: at most 15 characters. */
    private static final List<String> PREFIXES = List.of("JavaFX Applicat", "QuantumRenderer",
            "InvokeLaterDisp", "draw-classifier".substring(0, 15));

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
