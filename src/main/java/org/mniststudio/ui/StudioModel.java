package org.mniststudio.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.infer.Classifier;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.ui.common.Format;

/**
 * What the three tabs share: the model in use, the network the Draw tab classifies with (the model's, or
 * while training the latest epoch's copy), the data sets (loaded once, in the background), the message bar
 * and the worker threads. Every property is changed on the FX thread only; all loading runs elsewhere.
 */
public final class StudioModel {
    /** The network the Draw tab classifies with, and how to name it. */
    public record DrawNetwork(Classifier classifier, String description, boolean live) {
    }

    /** The tabs, in order. */
    public enum Tab { DRAW, TRAIN, MISTAKES }

    private final StudioConfig config;
    private final ExecutorService workers;
    private final ReadOnlyObjectWrapper<TrainedModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper modelDescription = new ReadOnlyStringWrapper(this, "modelDescription",
            "Loading the model...");
    private final ReadOnlyObjectWrapper<DrawNetwork> drawNetwork = new ReadOnlyObjectWrapper<>(this, "drawNetwork");
    private final ReadOnlyBooleanWrapper loadingModel = new ReadOnlyBooleanWrapper(this, "loadingModel");
    private final ReadOnlyObjectWrapper<Message> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ReadOnlyObjectWrapper<Tab> requestedTab = new ReadOnlyObjectWrapper<>(this, "requestedTab", Tab.DRAW);
    private final List<Runnable> shutdownActions = new CopyOnWriteArrayList<>();
    private CompletableFuture<DigitDataset> trainingSet;
    private CompletableFuture<DigitDataset> testSet;
    private DrawNetwork modelNetwork;
    private TrainedModel reportModel;
    private EvaluationReport report;
    private final AtomicInteger savesInProgress = new AtomicInteger();
    private volatile boolean shutDown;

    public StudioModel(StudioConfig config) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "studio-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    public StudioConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- the model

    public ReadOnlyObjectProperty<TrainedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public TrainedModel model() {
        return model.get();
    }

    /** "Best (bundled model), 99.64 % test accuracy", or what is happening instead. */
    public ReadOnlyStringProperty modelDescriptionProperty() {
        return modelDescription.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DrawNetwork> drawNetworkProperty() {
        return drawNetwork.getReadOnlyProperty();
    }

    public DrawNetwork drawNetwork() {
        return drawNetwork.get();
    }

    public ReadOnlyBooleanProperty loadingModelProperty() {
        return loadingModel.getReadOnlyProperty();
    }

    /** Loads the start model (the configured file or the bundled one) in the background. */
    public Task<TrainedModel> loadStartModel() {
        return loadModel(config.model(), true);
    }

    /**
     * Loads a model file (null: the bundled model) in the background and uses it when it loads; if it does
     * not, the message bar says why and the model in use stays.
     */
    public Task<TrainedModel> loadModel(Path file) {
        return loadModel(file, false);
    }

    private Task<TrainedModel> loadModel(Path file, boolean startModel) {
        Task<TrainedModel> task = new Task<>() {
            @Override
            protected TrainedModel call() throws IOException {
                updateMessage(file == null ? "Loading the bundled model..." : "Loading " + file + "...");
                TrainedModel preloaded = startModel ? StartModelPreload.take(file) : null;
                if (preloaded != null) {
                    return preloaded;
                }
                return file == null ? ModelFile.loadBundled() : ModelFile.load(file);
            }
        };
        loadingModel.set(true);
        if (model.get() == null) {
            modelDescription.set("Loading the model...");
        }
        task.setOnSucceeded(e -> {
            loadingModel.set(false);
            useModel(task.getValue());
            if (file != null) {
                showInfo("Opened " + file.getFileName() + ": " + task.getValue().metadata().summary());
            }
        });
        task.setOnFailed(e -> {
            loadingModel.set(false);
            if (model.get() == null) {
                modelDescription.set("No model: open one (File > Open model) or train one");
            }
            showError(Format.message(task.getException()));
        });
        run(task);
        return task;
    }

    /** Makes {@code trained} the model of the window: the Draw tab classifies with it, Mistakes evaluates it. */
    public void useModel(TrainedModel trained) {
        model.set(trained);
        modelDescription.set(describe(trained));
        modelNetwork = new DrawNetwork(new Classifier(trained.network()), describe(trained), false);
        if (drawNetwork.get() == null || !drawNetwork.get().live()) {
            drawNetwork.set(modelNetwork);
        }
    }

    static String describe(TrainedModel trained) {
        String summary = trained.metadata().summary();
        String source = trained.source();
        if (source.equals("bundled model")) {
            return summary;
        }
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return summary + " (" + source.substring(slash + 1) + ")";
    }

    /** While training: the Draw tab classifies with this copy of the network (never the one being fitted). */
    public void useLiveNetwork(MultiLayerNetwork epochCopy, String description) {
        drawNetwork.set(new DrawNetwork(new Classifier(epochCopy), description, true));
    }

    /** Training is over: back to the model in use. */
    public void endLiveNetwork() {
        if (drawNetwork.get() != null && drawNetwork.get().live()) {
            drawNetwork.set(modelNetwork);
        }
    }

    /** Keeps the test report of a model, so the Mistakes tab need not evaluate it again. */
    public void rememberReport(TrainedModel trained, EvaluationReport evaluation) {
        reportModel = trained;
        report = evaluation;
    }

    /** The remembered test report of exactly this model, or null. */
    public EvaluationReport reportFor(TrainedModel trained) {
        return trained != null && trained == reportModel ? report : null;
    }

    // ---------------------------------------------------------------- data sets

    /** The MNIST training set, read once in the background; later calls share the same future. */
    public synchronized CompletableFuture<DigitDataset> trainingSet() {
        if (trainingSet == null || trainingSet.isCompletedExceptionally()) {
            trainingSet = CompletableFuture.supplyAsync(() -> read(true), workers);
        }
        return trainingSet;
    }

    public synchronized CompletableFuture<DigitDataset> testSet() {
        if (testSet == null || testSet.isCompletedExceptionally()) {
            testSet = CompletableFuture.supplyAsync(() -> read(false), workers);
        }
        return testSet;
    }

    private static DigitDataset read(boolean training) {
        try {
            DatasetSource source = DatasetSource.bundled();
            return training ? source.loadTraining() : source.loadTest();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- background work

    /** Runs a task on a worker thread (never the FX thread). */
    public void run(Runnable task) {
        if (!shutDown) {
            workers.execute(task);
        }
    }

    /** Runs {@code work} on a worker and hands its result to {@code done} on the FX thread; errors go to the message bar. */
    public <T> void background(java.util.concurrent.Callable<T> work, Consumer<T> done) {
        run(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> done.accept(result));
            } catch (Exception | OutOfMemoryError e) {
                Platform.runLater(() -> showError(Format.message(e)));
            }
        });
    }

    /** Something that writes a file. */
    @FunctionalInterface
    public interface FileWrite {
        void write() throws IOException;
    }

    /**
     * Writes a file in the background, then says {@code done} in the message bar (or why it failed). Closing
     * the window waits a few seconds for writes under way, so no file is left half-written.
     */
    public void save(FileWrite write, String done) {
        savesInProgress.incrementAndGet();
        run(() -> {
            try {
                write.write();
                Platform.runLater(() -> showInfo(done));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> showError(Format.message(e)));
            } finally {
                savesInProgress.decrementAndGet();
            }
        });
    }

    // ---------------------------------------------------------------- navigation and messages

    /** The tab a view model asks the window to show (e.g. "open in Draw tab"). */
    public ReadOnlyObjectProperty<Tab> requestedTabProperty() {
        return requestedTab.getReadOnlyProperty();
    }

    public void showTab(Tab tab) {
        requestedTab.set(null);
        requestedTab.set(tab);
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void showError(String text) {
        message.set(Message.error(text));
    }

    public void showInfo(String text) {
        message.set(Message.info(text));
    }

    public void dismissMessage() {
        message.set(null);
    }

    // ---------------------------------------------------------------- shutdown

    /** Something to do when the window closes (e.g. stop training); run in order of registration. */
    public void onShutdown(Runnable action) {
        shutdownActions.add(action);
    }

    public boolean isShutDown() {
        return shutDown;
    }

    /** Stops training and background work; returns at once (the worker threads are daemons). */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        for (Runnable action : shutdownActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // closing: nothing more to tell anyone
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (savesInProgress.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.shutdownNow();
    }
}
