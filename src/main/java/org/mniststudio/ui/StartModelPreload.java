package org.mniststudio.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelFileException;
import org.mniststudio.model.TrainedModel;

/**
 * Loads the start model while JavaFX starts. Starting ND4J (its native libraries) and building the first
 * network take most of the time before a person can draw; begun in {@code main}, before the toolkit, they
 * overlap with it instead of following it. The window's own loader then takes the result, or loads the model
 * itself when nothing was preloaded (tests, another model opened later).
 */
final class StartModelPreload {
    private static volatile Preloaded preloaded;

    private record Preloaded(Path file, CompletableFuture<TrainedModel> model) {
    }

    private StartModelPreload() {
    }

    /** Starts loading {@code file} (null: the bundled model) on a daemon thread. */
    static void start(Path file) {
        CompletableFuture<TrainedModel> future = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                future.complete(file == null ? ModelFile.loadBundled() : ModelFile.load(file));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "model-preload");
        loader.setDaemon(true);
        preloaded = new Preloaded(file, future);
        loader.start();
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
