package org.mniststudio.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelFileException;
import org.mniststudio.model.TrainedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the start model while JavaFX starts. Starting ND4J (its native libraries) and building the first
 * network take most of the time before a person can draw; begun in {@code main}, before the toolkit, the
 * network's building overlaps with it instead of following it. The window's own loader then takes the result,
 * or loads the model itself when nothing was preloaded (tests, another model opened later).
 *
 * <p>ND4J's native libraries are loaded before {@link #start} returns, so before JavaFX loads its own: while
 * JavaCPP loads OpenBLAS it calls {@code dlopen} from inside a {@code dl_iterate_phdr} callback
 * ({@code Loader.addressof}), and glibc takes its two loader locks there in the opposite order to a plain
 * {@code dlopen}. A {@code dlopen} on another thread at that moment (JavaFX loading
 * {@code libjavafx_font_freetype.so}, seen in gdb) deadlocks both threads, and the window never appears. Only
 * that short load is kept apart; building the network still runs beside the toolkit's start.
 */
final class StartModelPreload {
    private static volatile Preloaded preloaded;

    private record Preloaded(Path file, CompletableFuture<TrainedModel> model) {
    }

    private StartModelPreload() {
    }

    /**
     * Starts loading {@code file} (null: the bundled model) on a daemon thread, and returns once ND4J's native
     * libraries are loaded (or failed to load: the error then reaches the window through {@link #take}).
     */
    static void start(Path file) {
        start(file, () -> Nd4j.create(DataType.FLOAT, 1));
    }

    /** {@link #start(Path)} with the native loading given, for tests. */
    static void start(Path file, Runnable loadNatives) {
        CompletableFuture<TrainedModel> future = new CompletableFuture<>();
        CompletableFuture<Void> nativesLoaded = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                try {
                    loadNatives.run();
                } finally {
                    nativesLoaded.complete(null);
                }
                future.complete(file == null ? ModelFile.loadBundled() : ModelFile.load(file));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "model-preload");
        loader.setDaemon(true);
        preloaded = new Preloaded(file, future);
        loader.start();
        nativesLoaded.join(); // not interruptible: JavaFX must not start while the natives load
    }

    /**
     * The preloaded model if {@code file} is what was preloaded (once; later calls load afresh), else null.
     * Blocks until the preload ends: call it off the FX thread.
     */
    static TrainedModel take(Path file) throws ModelFileException {
        Preloaded p = preloaded;
        if (p == null || !Objects.equals(p.file(), file)) {
            return null;
        }
        preloaded = null;
        try {
            return p.model().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModelFileException m) {
                throw m;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
