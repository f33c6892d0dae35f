package org.mniststudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.data.DatasetSplit;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.model.AppInfo;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.Optimizer;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;
import org.mniststudio.train.TrainingOutcome;
import org.mniststudio.train.TrainingRequest;
import org.mniststudio.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on MNIST (or another IDX data set), evaluate it on the test set and save it.")
final class TrainCommand implements Callable<Integer> {
    /** How long an interrupted run may take to finish its batch, evaluate and save before the JVM ends anyway. */
    static final long SAVE_ON_INTERRUPT_SECONDS = 120;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "best",
            description = "Network: mlp-small, mlp-wide, mlp-deep, cnn, lenet, best, custom (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", description = "Epochs (preset default if not given).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per batch.")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "Initial learning rate.")
    Double learningRate;

    @Option(names = "--lr-decay", description = "Multiply the learning rate by this after each epoch (1 = constant).")
    Double learningRateDecay;

    @Option(names = "--optimizer", description = "adam, sgd or nesterov.")
    String optimizer;

    @Option(names = "--dropout", description = "Share of units dropped in the dropout layers, 0-1.")
    Double dropout;

    @Option(names = "--l2", description = "L2 weight decay.")
    Double l2;

    @Option(names = "--seed", description = "Random seed (weights, split, shuffling, augmentation).")
    Long seed;

    @Option(names = "--augment", negatable = true,
            description = "Randomly shift, rotate, scale and thicken the training images (--no-augment to turn off).")
    Boolean augment;

    @Option(names = "--validation-share", description = "Share of the training set held out for validation, 0-0.5.")
    Double validationShare;

    @Option(names = "--early-stopping", paramLabel = "EPOCHS",
            description = "Stop when validation loss has not improved for this many epochs.")
    Integer earlyStopping;

    @Option(names = "--layers", split = ",", paramLabel = "WIDTH",
            description = "Hidden-layer widths of a custom MLP, e.g. 300,100 (implies --preset custom).")
    List<Integer> layers;

    @Option(names = "--limit", paramLabel = "N", description = "Train on only the first N training images.")
    Integer limit;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the four IDX files (default: bundled MNIST).")
    Path data;

    @Option(names = "--from", paramLabel = "FILE", description = "Fine-tune this saved model instead of starting afresh.")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the trained model.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Preset p = layers != null ? Preset.CUSTOM_MLP : Preset.parse(preset);
        TrainedModel start = from == null ? null : ModelFile.load(from);
        if (start != null && start.metadata().preset() != null) {
            try {
                p = Preset.parse(start.metadata().preset());
            } catch (IllegalArgumentException e) {
                // an imported network: keep the preset given on the command line for the record
            }
        }
        HyperParameters hp = hyperParameters(p).validate();
        ModelFile.checkCanSaveTo(out); // before training, not after an hour of it
        DatasetSource source = CliSupport.dataSource(data);
        DigitDataset training = source.loadTraining();
        DigitDataset test = source.loadTest();
        if (limit != null) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
            training = training.head(limit);
        }
        stdout.printf(Locale.ROOT, "%s: %s on %s%n", AppInfo.NAME, p.displayName(), source.description());
        TrainingSession session = new TrainingSession(new TrainingRequest(p, hp, training,
                start == null ? null : start.network(), TrainingRequest.DEFAULT_PUBLISH_EVERY));
        boolean terminal = System.console() != null;
        session.addObserver(new ProgressPrinter(stdout, terminal));
        // Ctrl+C or a plain kill: the JVM halts as soon as its shutdown hooks return, so the hook stops the run
        // at the next batch and then waits for this thread to save what was trained, rather than losing it.
        CountDownLatch saved = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread stopOnInterrupt = new Thread(() -> {
            interrupted.set(true);
            stopAndWaitForSave(session, saved, stdout, terminal);
        }, "stop-training");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            return trainEvaluateAndSave(session, p, hp, source, training, test, start);
        } catch (Exception e) {
            if (!interrupted.get()) {
                throw e;
            }
            // picocli's handler would print this only after the hook has returned, racing the JVM's halt
            PrintWriter stderr = spec.commandLine().getErr();
            stderr.println("error: " + CliSupport.message(e));
            stderr.flush();
            return 2;
        } finally {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl+C): the hook has stopped the session and is waiting for this save
            }
        }
    }

    private static void stopAndWaitForSave(TrainingSession session, CountDownLatch saved, PrintWriter stdout,
                                           boolean terminal) {
        // on a terminal the progress bar's line is still open
        String message = "interrupted: stopping after this batch and saving what has been trained so far"
                + " (kill -9 ends it at once)";
        stdout.println(terminal ? "\n" + message : message);
        session.stop();
        try {
            if (!saved.await(SAVE_ON_INTERRUPT_SECONDS, TimeUnit.SECONDS)) {
                stdout.println("gave up waiting for the save after " + SAVE_ON_INTERRUPT_SECONDS
                        + " s: nothing was saved");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int trainEvaluateAndSave(TrainingSession session, Preset p, HyperParameters hp, DatasetSource source,
                                     DigitDataset training, DigitDataset test, TrainedModel start) throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        TrainingOutcome outcome = session.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!outcome.hasNetwork()) {
            throw new IllegalStateException(outcome.message());
        }
        if (outcome.status() == TrainingOutcome.Status.STOPPED && outcome.history().isEmpty()) {
            // a few batches are not worth replacing what --out holds (it may be the model given to --from)
            stdout.printf(Locale.ROOT, "stopped before the first epoch ended: nothing saved, %s left as it was%n",
                    out);
            return 1;
        }
        EvaluationReport report = Evaluator.evaluate(outcome.network(), test);
        stdout.printf(Locale.ROOT, "test accuracy %.2f%% (%d of %,d wrong), loss %.4f%n", report.accuracy() * 100,
                report.errors(), report.count(), report.loss());
        int validationImages = DatasetSplit.heldOutCount(training.size(), hp.validationShare());
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, AppInfo.version(), p.id(), hp,
                source.description(), training.size() - validationImages, validationImages, outcome.history(),
                new ModelMetadata.TestMetrics(report.accuracy(), report.loss(), report.count()),
                Instant.now().toString(), seconds, String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                ModelMetadata.stagesBefore(start == null ? null : start.metadata()));
        ModelFile.save(new TrainedModel(outcome.network(), metadata, out.toString()), out);
        stdout.printf(Locale.ROOT, "saved %s (%s)%n", out, outcome.status().name().toLowerCase(Locale.ROOT));
        return outcome.status() == TrainingOutcome.Status.FAILED ? 1 : 0;
    }

    private HyperParameters hyperParameters(Preset p) {
        HyperParameters hp = p.defaults();
        if (epochs != null) hp = hp.withEpochs(epochs);
        if (batchSize != null) hp = hp.withBatchSize(batchSize);
        if (learningRate != null) hp = hp.withLearningRate(learningRate);
        if (learningRateDecay != null) hp = hp.withLearningRateDecay(learningRateDecay);
        if (optimizer != null) hp = hp.withOptimizer(Optimizer.parse(optimizer));
        if (dropout != null) hp = hp.withDropout(dropout);
        if (l2 != null) hp = hp.withL2(l2);
        if (seed != null) hp = hp.withSeed(seed);
        if (augment != null) hp = hp.withAugment(augment);
        if (validationShare != null) hp = hp.withValidationShare(validationShare);
        if (earlyStopping != null) hp = hp.withEarlyStoppingPatience(earlyStopping);
        if (layers != null) hp = hp.withHiddenLayers(layers);
        return hp;
    }
}
