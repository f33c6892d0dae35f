package org.mniststudio.ui.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.mniststudio.data.DatasetSplit;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.model.AppInfo;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.Optimizer;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;
import org.mniststudio.train.IterationProgress;
import org.mniststudio.train.TrainingObserver;
import org.mniststudio.train.TrainingOutcome;
import org.mniststudio.train.TrainingRequest;
import org.mniststudio.train.TrainingSession;
import org.mniststudio.ui.StudioModel;
import org.mniststudio.ui.common.Format;
import org.mniststudio.ui.common.FxTimer;
import org.mniststudio.ui.common.InteractiveThreads;

/**
 * The Train tab without its nodes: the hyper-parameter form, the run's state and progress, the chart series
 * and the result. The training session reports on its own thread; its records go into a queue that the FX
 * thread drains every {@link #DRAIN_INTERVAL}, so the charts change a few times a second in one batch each,
 * however fast the network trains. The drain is timed by an {@link FxTimer}, not a Timeline, so that no
 * pulse runs while nothing changes (a paused run, a run between chart updates).
 */
public final class TrainViewModel {
    public enum RunState {
        IDLE("Ready"), LOADING("Loading the training set..."), RUNNING("Training"), PAUSED("Paused"),
        STOPPING("Stopping..."), EVALUATING("Testing the network on the 10,000 test images..."), FINISHED("Finished");

        private final String text;

        RunState(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Charts never hold more points than this per series. */
    public static final int MAX_POINTS = 500;
    /** How often the FX thread takes the training records. */
    public static final Duration DRAIN_INTERVAL = Duration.millis(250);
    /** Weight of the past in the smoothed training series (an exponential moving average). */
    static final double SMOOTHING = 0.7;
    public static final int ALL_IMAGES = 60_000;
    static final String TRAINED_HERE = "trained in this session";

    private final StudioModel studio;

    // the form
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(this, "preset", Preset.MLP_SMALL);
    private final ObjectProperty<Optimizer> optimizer = new SimpleObjectProperty<>(this, "optimizer");
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate");
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>(this, "batchSize");
    private final ObjectProperty<Integer> epochs = new SimpleObjectProperty<>(this, "epochs");
    private final ObjectProperty<Double> dropout = new SimpleObjectProperty<>(this, "dropout");
    private final ObjectProperty<Double> validationShare = new SimpleObjectProperty<>(this, "validationShare");
    private final StringProperty seed = new SimpleStringProperty(this, "seed");
    private final BooleanProperty augment = new SimpleBooleanProperty(this, "augment");
    private final StringProperty hiddenLayers = new SimpleStringProperty(this, "hiddenLayers", "");
    private final ObjectProperty<Integer> trainingImages = new SimpleObjectProperty<>(this, "trainingImages",
            ALL_IMAGES);
    private final BooleanProperty fineTune = new SimpleBooleanProperty(this, "fineTune");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError", "");
    private HyperParameters presetValues;

    // the run
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(this, "runProgress");
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper(this, "epochProgress");
    private final ReadOnlyStringWrapper epochText = new ReadOnlyStringWrapper(this, "epochText", "");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    private final ReadOnlyStringWrapper timeLeftText = new ReadOnlyStringWrapper(this, "timeLeftText", "");
    private final ReadOnlyIntegerWrapper chartEpochs = new ReadOnlyIntegerWrapper(this, "chartEpochs");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText",
            "Choose a network and press Start.");
    private final ThinnedSeries trainingLoss = new ThinnedSeries(MAX_POINTS);
    private final ThinnedSeries validationLoss = new ThinnedSeries(MAX_POINTS);
    private final ThinnedSeries trainingAccuracy = new ThinnedSeries(MAX_POINTS);
    private final ThinnedSeries validationAccuracy = new ThinnedSeries(MAX_POINTS);
    private final ConcurrentLinkedQueue<Object> records = new ConcurrentLinkedQueue<>();
    /** Runs {@link #drain()} while a session runs; a plain timer, not a Timeline (see {@link FxTimer}). */
    private FxTimer drainTimer;
    private final Ema smoothLoss = new Ema(SMOOTHING);
    private final Ema smoothAccuracy = new Ema(SMOOTHING);
    private TrainingSession session;
    private Preset runPreset;
    private HyperParameters runHyperParameters;
    /** The model a fine-tuning run started from (null: from scratch), for the new model's record. */
    private TrainedModel runBase;
    private int runTrainingImages;
    private int runValidationImages;
    private long runStartNanos;
    private long recordsDrained;

    // the result
    private final ReadOnlyObjectWrapper<EvaluationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<TrainedModel> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");

    private final BooleanBinding canStart = state.isEqualTo(RunState.IDLE).or(state.isEqualTo(RunState.FINISHED));
    private final BooleanBinding canPause = state.isEqualTo(RunState.RUNNING).or(state.isEqualTo(RunState.PAUSED));
    private final BooleanBinding canStop = canPause.or(state.isEqualTo(RunState.LOADING));
    private final BooleanBinding hasResult = result.isNotNull();
    private final BooleanBinding customLayers = preset.isEqualTo(Preset.CUSTOM_MLP);
    private final StringBinding pauseText = Bindings.when(state.isEqualTo(RunState.PAUSED))
            .then("Resume").otherwise("Pause");

    public TrainViewModel(StudioModel studio) {
        this.studio = studio;
        preset.addListener((obs, old, now) -> {
            if (now != null) {
                fillFrom(now.defaults());
            }
        });
        fillFrom(preset.get().defaults());
        fineTune.addListener((obs, old, on) -> {
            if (on && studio.model() != null) {
                presetOf(studio.model()).ifPresent(preset::set);
            }
        });
        studio.onShutdown(this::stopForShutdown);
    }

    // ---------------------------------------------------------------- the form

    /** Fills the form with a preset's values (when a preset is chosen). */
    public void fillFrom(HyperParameters hp) {
        presetValues = hp;
        optimizer.set(hp.optimizer());
        learningRate.set(formatNumber(hp.learningRate()));
        batchSize.set(hp.batchSize());
        epochs.set(hp.epochs());
        dropout.set(hp.dropout());
        validationShare.set(hp.validationShare());
        seed.set(Long.toString(hp.seed()));
        augment.set(hp.augment());
        hiddenLayers.set(hp.hiddenLayers().isEmpty() ? ""
                : String.join(",", hp.hiddenLayers().stream().map(String::valueOf).toList()));
        formError.set("");
    }

    private static String formatNumber(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    /**
     * The form as hyper-parameters; the preset's values for what the form does not show (decay, L2, early
     * stopping). Throws IllegalArgumentException with a message a person can act on.
     */
    public HyperParameters hyperParameters() {
        HyperParameters hp = presetValues;
        double lr;
        try {
            lr = Double.parseDouble(learningRate.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("the learning rate must be a number, e.g. 0.001");
        }
        long s;
        try {
            s = Long.parseLong(seed.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("the seed must be a whole number, e.g. 42");
        }
        List<Integer> layers = List.of();
        if (preset.get() == Preset.CUSTOM_MLP) {
            layers = parseLayers(hiddenLayers.get());
        }
        hp = hp.withOptimizer(optimizer.get()).withLearningRate(lr)
                .withBatchSize(required(batchSize.get(), "batch size"))
                .withEpochs(required(epochs.get(), "number of epochs"))
                .withDropout(required(dropout.get(), "dropout"))
                .withValidationShare(required(validationShare.get(), "validation share"))
                .withSeed(s).withAugment(augment.get()).withHiddenLayers(layers);
        hp.validate();
        Integer images = trainingImages.get();
        if (images == null || images < 100 || images > ALL_IMAGES) {
            throw new IllegalArgumentException("the number of training images must be between 100 and "
                    + Format.count(ALL_IMAGES));
        }
        int trained = images - DatasetSplit.heldOutCount(images, hp.validationShare());
        if (trained < hp.batchSize()) {
            throw new IllegalArgumentException("the batch size (" + hp.batchSize() + ") is larger than the "
                    + trained + " images left to train on");
        }
        return hp;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("the " + name + " is missing");
        }
        return value;
    }

    static List<Integer> parseLayers(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give the hidden-layer widths of the custom MLP, e.g. 300,100");
        }
        List<Integer> widths = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                widths.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden layers: '" + part + "' is not a whole number (write e.g. 300,100)");
            }
        }
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("give the hidden-layer widths of the custom MLP, e.g. 300,100");
        }
        return widths;
    }

    private static java.util.Optional<Preset> presetOf(TrainedModel model) {
        try {
            return java.util.Optional.of(Preset.parse(model.metadata().preset()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    // ---------------------------------------------------------------- commands

    /** Starts a run with the form's values; a bad value is reported in {@link #formErrorProperty()}. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        HyperParameters hp;
        try {
            hp = hyperParameters();
        } catch (IllegalArgumentException e) {
            formError.set(capitalise(e.getMessage()));
            return;
        }
        TrainedModel base = fineTune.get() ? studio.model() : null;
        if (fineTune.get() && base == null) {
            formError.set("There is no model to fine-tune: open one or untick \"fine-tune\".");
            return;
        }
        formError.set("");
        Preset p = base == null ? preset.get() : presetOf(base).orElse(preset.get());
        int limit = trainingImages.get();
        resetRun();
        runPreset = p;
        runHyperParameters = hp;
        state.set(RunState.LOADING);
        statusText.set(RunState.LOADING.text());
        runProgress.set(-1);
        studio.run(() -> {
            try {
                DigitDataset all = studio.trainingSet().get();
                DigitDataset subset = limit < all.size() ? all.head(limit) : all;
                Platform.runLater(() -> begin(p, hp, subset, base));
            } catch (Exception | OutOfMemoryError e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                        ? e.getCause() : e;
                Platform.runLater(() -> {
                    if (state.get() == RunState.LOADING) {
                        state.set(RunState.IDLE);
                        runProgress.set(0);
                        statusText.set("Could not load the training set.");
                        studio.showError(Format.message(cause));
                    }
                });
            }
        });
    }

    private void begin(Preset p, HyperParameters hp, DigitDataset subset, TrainedModel base) {
        if (state.get() != RunState.LOADING || studio.isShutDown()) {
            return; // stopped while the data loaded
        }
        runValidationImages = DatasetSplit.heldOutCount(subset.size(), hp.validationShare());
        runTrainingImages = subset.size() - runValidationImages;
        int batches = (runTrainingImages + hp.batchSize() - 1) / hp.batchSize();
        int publishEvery = Math.max(1, Math.min(TrainingRequest.DEFAULT_PUBLISH_EVERY, batches / 25));
        runBase = base;
        session = new TrainingSession(new TrainingRequest(p, hp, subset, base == null ? null : base.network(),
                publishEvery));
        session.yieldCpuTo(InteractiveThreads::isInteractive);
        TrainingSession running = session;
        session.addObserver(new TrainingObserver() {
            @Override
            public void onProgress(IterationProgress progress) {
                records.add(progress);
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                records.add(new EpochDone(metrics, running));
            }

            @Override
            public void onFinished(TrainingOutcome outcome) {
                records.add(outcome);
            }
        });
        runStartNanos = System.nanoTime();
        chartEpochs.set(hp.epochs());
        state.set(RunState.RUNNING);
        statusText.set("Training " + p.displayName() + " on " + Format.count(runTrainingImages) + " images"
                + (base != null ? " (fine-tuning the model in use)" : "") + "...");
        runProgress.set(0);
        epochText.set("Epoch 1 of " + hp.epochs());
        session.start();
        FxTimer.cancel(drainTimer);
        drainTimer = FxTimer.every(DRAIN_INTERVAL, this::drain);
    }

    /** Pause or resume, whichever makes sense. */
    public void togglePause() {
        if (session == null) {
            return;
        }
        if (state.get() == RunState.RUNNING) {
            session.pause();
            state.set(RunState.PAUSED);
            statusText.set("Paused. Resume to go on, or Stop.");
        } else if (state.get() == RunState.PAUSED) {
            session.resume();
            state.set(RunState.RUNNING);
            statusText.set("Training " + runPreset.displayName() + "...");
        }
    }

    /** Ends the run after the current batch (or cancels loading). */
    public void stop() {
        if (state.get() == RunState.LOADING) {
            state.set(RunState.IDLE);
            runProgress.set(0);
            statusText.set("Cancelled.");
        } else if (session != null && canPause.get()) {
            state.set(RunState.STOPPING);
            statusText.set(RunState.STOPPING.text());
            session.stop();
        }
    }

    private void stopForShutdown() {
        drainTimer = FxTimer.cancel(drainTimer);
        if (session != null) {
            session.stop();
        }
    }

    /** Makes the trained network the model of the window (Draw and Mistakes tabs). */
    public void useResult() {
        TrainedModel trained = result.get();
        if (trained == null) {
            return;
        }
        if (report.get() != null) {
            studio.rememberReport(trained, report.get());
        }
        studio.useModel(trained);
        studio.showInfo("The Draw and Mistakes tabs now use the network just trained: "
                + trained.metadata().summary());
    }

    /** Saves the trained network (atomically) in the background. */
    public void saveResult(Path file) {
        TrainedModel trained = result.get();
        if (trained == null) {
            return;
        }
        studio.save(() -> ModelFile.save(trained, file), "Saved the model as " + file);
    }

    // ---------------------------------------------------------------- records from the training thread

    /** An epoch's metrics with the session they came from (for its latest-epoch copy). */
    private record EpochDone(EpochMetrics metrics, TrainingSession session) {
    }

    /** Queues a record from the training thread (or a test) for the next {@link #drain()}. Any thread. */
    void accept(Object record) {
        records.add(record);
    }

    /** Takes every waiting record and updates charts and progress once. FX thread; called by the timer. */
    void drain() {
        List<TrainingOutcome> finished = new ArrayList<>(1);
        RuntimeException fault = null;
        try {
            takeRecords(finished);
        } catch (RuntimeException e) {
            fault = e;
        }
        // the end of the run is taken from the queue only here: a fault in a chart update must not lose it, or
        // the window would show "Stopping..." for ever
        for (TrainingOutcome outcome : finished) {
            try {
                finished(outcome);
            } catch (RuntimeException e) {
                if (fault == null) {
                    fault = e;
                } else {
                    fault.addSuppressed(e);
                }
            }
        }
        if (fault != null) {
            throw fault;
        }
    }

    /** Charts and progress from every waiting record; the ends of runs are collected in {@code finished}. */
    private void takeRecords(List<TrainingOutcome> finished) {
        IterationProgress last = null;
        Object item;
        while ((item = records.poll()) != null) {
            recordsDrained++;
            if (item instanceof IterationProgress p) {
                double x = p.epoch() - 1 + p.epochProgress();
                trainingLoss.offer(x, smoothLoss.add(p.trainingLoss()));
                if (!Double.isNaN(p.trainingAccuracy())) {
                    trainingAccuracy.offer(x, 100 * smoothAccuracy.add(p.trainingAccuracy()));
                }
                last = p;
            } else if (item instanceof EpochDone done) {
                epochDone(done);
            } else if (item instanceof TrainingOutcome outcome) {
                finished.add(outcome);
            }
        }
        trainingLoss.flush();
        trainingAccuracy.flush();
        validationLoss.flush();
        validationAccuracy.flush();
        if (last != null) {
            showProgress(last);
        }
    }

    private void showProgress(IterationProgress p) {
        if (state.get() == RunState.RUNNING || state.get() == RunState.PAUSED) {
            runProgress.set(p.progress());
        }
        epochProgress.set(p.epochProgress());
        epochText.set(String.format(Locale.ROOT, "Epoch %d of %d, batch %d of %d", p.epoch(), p.epochs(),
                p.batchInEpoch(), p.batchesPerEpoch()));
        speedText.set(Double.isFinite(p.imagesPerSecond())
                ? Format.count(Math.round(p.imagesPerSecond())) + " images/s" : "");
        String left = Format.duration(p.secondsLeft());
        timeLeftText.set(left.isEmpty() ? "" : "about " + left + " left");
    }

    private void epochDone(EpochDone done) {
        EpochMetrics m = done.metrics();
        if (m.hasValidation()) {
            validationLoss.offer(m.epoch(), m.validationLoss());
            validationAccuracy.offer(m.epoch(), 100 * m.validationAccuracy());
        }
        var copy = done.session().latestEpochNetwork();
        if (copy != null && done.session() == session && state.get() != RunState.STOPPING) {
            studio.useLiveNetwork(copy, runPreset.displayName() + " in training, epoch " + m.epoch() + " of "
                    + runHyperParameters.epochs() + " (live)");
        }
        if (m.hasValidation()) {
            statusText.set(String.format(Locale.ROOT, "Epoch %d: validation accuracy %.2f %%, loss %.4f",
                    m.epoch(), m.validationAccuracy() * 100, m.validationLoss()));
        }
    }

    private void finished(TrainingOutcome outcome) {
        drainTimer = FxTimer.cancel(drainTimer);
        timeLeftText.set("");
        session = null;
        studio.endLiveNetwork();
        double seconds = (System.nanoTime() - runStartNanos) / 1e9;
        switch (outcome.status()) {
            case FAILED -> {
                state.set(RunState.FINISHED);
                runProgress.set(0);
                statusText.set("Training failed: " + outcome.message());
                studio.showError("Training failed: " + outcome.message());
            }
            case STOPPED -> {
                state.set(RunState.FINISHED);
                statusText.set("Stopped after " + outcome.history().size() + " complete epochs ("
                        + outcome.message() + "). The network can still be used or saved; it was not tested.");
                if (outcome.hasNetwork()) {
                    result.set(trainedModel(outcome, null, seconds));
                    resultText.set("Stopped early: not tested on the test set.");
                }
            }
            default -> evaluate(outcome, seconds);
        }
    }

    private void evaluate(TrainingOutcome outcome, double seconds) {
        state.set(RunState.EVALUATING);
        statusText.set(RunState.EVALUATING.text());
        runProgress.set(0);
        Task<EvaluationReport> task = new Task<>() {
            @Override
            protected EvaluationReport call() throws Exception {
                DigitDataset test = studio.testSet().get();
                return Evaluator.evaluate(outcome.network(), test, Evaluator.DEFAULT_BATCH,
                        share -> updateProgress(share, 1));
            }
        };
        task.progressProperty().addListener((obs, o, n) -> {
            if (state.get() == RunState.EVALUATING) {
                runProgress.set(n.doubleValue());
            }
        });
        task.setOnSucceeded(e -> {
            EvaluationReport r = task.getValue();
            report.set(r);
            TrainedModel trained = trainedModel(outcome, r, seconds);
            result.set(trained);
            studio.rememberReport(trained, r);
            resultText.set(String.format(Locale.ROOT, "Test accuracy %.2f %%, loss %.4f\n%s of %s test images wrong",
                    r.accuracy() * 100, r.loss(), Format.count(r.errors()), Format.count(r.count())));
            state.set(RunState.FINISHED);
            runProgress.set(1);
            statusText.set("Done: " + outcome.message() + " in " + Format.duration(seconds) + ".");
        });
        task.setOnFailed(e -> {
            state.set(RunState.FINISHED);
            result.set(trainedModel(outcome, null, seconds));
            statusText.set("Trained, but the test could not run.");
            studio.showError(Format.message(task.getException()));
        });
        studio.run(task);
    }

    private TrainedModel trainedModel(TrainingOutcome outcome, EvaluationReport r, double seconds) {
        ModelMetadata.TestMetrics test = r == null ? null
                : new ModelMetadata.TestMetrics(r.accuracy(), r.loss(), r.count());
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, AppInfo.version(), runPreset.id(),
                runHyperParameters, "MNIST", runTrainingImages, runValidationImages, outcome.history(), test,
                Instant.now().toString(), seconds, "trained in the MNIST Studio window",
                ModelMetadata.stagesBefore(runBase == null ? null : runBase.metadata()));
        return new TrainedModel(outcome.network(), metadata, TRAINED_HERE);
    }

    private void resetRun() {
        records.clear();
        trainingLoss.clear();
        validationLoss.clear();
        trainingAccuracy.clear();
        validationAccuracy.clear();
        smoothLoss.reset();
        smoothAccuracy.reset();
        report.set(null);
        result.set(null);
        resultText.set("");
        runProgress.set(0);
        epochProgress.set(0);
        epochText.set("");
        speedText.set("");
        timeLeftText.set("");
        recordsDrained = 0;
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    /** A debiased exponential moving average, as TensorBoard smooths its curves. */
    static final class Ema {
        private final double weight;
        private double value;
        private int count;

        Ema(double weight) {
            this.weight = weight;
        }

        double add(double x) {
            if (!Double.isFinite(x)) {
                return count == 0 ? x : current();
            }
            value = weight * value + (1 - weight) * x;
            count++;
            return current();
        }

        double current() {
            return value / (1 - Math.pow(weight, count));
        }

        void reset() {
            value = 0;
            count = 0;
        }
    }

    // ---------------------------------------------------------------- properties

    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public ObjectProperty<Optimizer> optimizerProperty() {
        return optimizer;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public ObjectProperty<Integer> batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Integer> epochsProperty() {
        return epochs;
    }

    public ObjectProperty<Double> dropoutProperty() {
        return dropout;
    }

    public ObjectProperty<Double> validationShareProperty() {
        return validationShare;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public BooleanProperty augmentProperty() {
        return augment;
    }

    public StringProperty hiddenLayersProperty() {
        return hiddenLayers;
    }

    public ObjectProperty<Integer> trainingImagesProperty() {
        return trainingImages;
    }

    public BooleanProperty fineTuneProperty() {
        return fineTune;
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState state() {
        return state.get();
    }

    /** Share of the run done, 0-1; -1 while loading (indeterminate); the test's progress while evaluating. */
    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty epochProgressProperty() {
        return epochProgress.getReadOnlyProperty();
    }

    /**
     * The epochs of the run the charts show (0 before the first run). The charts' epoch axis spans the whole
     * run from its start, so the curves grow into a fixed frame instead of the axis re-scaling (and its tick
     * labels being rebuilt) with every batch of points.
     */
    public ReadOnlyIntegerProperty chartEpochsProperty() {
        return chartEpochs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty epochTextProperty() {
        return epochText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeLeftTextProperty() {
        return timeLeftText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ThinnedSeries trainingLoss() {
        return trainingLoss;
    }

    public ThinnedSeries validationLoss() {
        return validationLoss;
    }

    public ThinnedSeries trainingAccuracy() {
        return trainingAccuracy;
    }

    public ThinnedSeries validationAccuracy() {
        return validationAccuracy;
    }

    public ReadOnlyObjectProperty<EvaluationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrainedModel> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public BooleanBinding canPauseBinding() {
        return canPause;
    }

    public BooleanBinding canStopBinding() {
        return canStop;
    }

    public BooleanBinding hasResultBinding() {
        return hasResult;
    }

    public BooleanBinding customLayersBinding() {
        return customLayers;
    }

    public StringBinding pauseTextBinding() {
        return pauseText;
    }

    /** How many training records the FX thread has taken so far in this run (for tests). */
    public long recordsDrained() {
        return recordsDrained;
    }

    /** Records queued by the training thread and not yet drained (for diagnostics). Any thread. */
    public int recordsWaiting() {
        return records.size();
    }
}
