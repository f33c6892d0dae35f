package org.mniststudio.cli;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.infer.Classifier;
import org.mniststudio.infer.DigitPreprocessor;
import org.mniststudio.infer.GrayImage;
import org.mniststudio.model.AppInfo;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.Evaluator;
import org.mniststudio.train.TrainingOutcome;
import org.mniststudio.train.TrainingRequest;
import org.mniststudio.train.TrainingSession;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures what a user feels, the same way as the PyTorch reference ({@code pytorch_reference.py}, see
 * README): training images/second through the real {@link TrainingSession} with its listeners on
 * (median of the timed epochs after a warm-up), single-image predict latency including preprocessing, model
 * load time and test accuracy.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark training speed, predict latency and model load time on real MNIST.")
final class BenchCommand implements Callable<Integer> {
    /** Like the reference: train on the first 54,000 images, the last 10 % being the validation share. */
    private static final int TRAINING_IMAGES = 54_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", description = "Preset to measure (default: every preset except custom).")
    String preset;

    @Option(names = "--epochs", defaultValue = "2", description = "Timed epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup-images", defaultValue = "5000", description = "Images in the warm-up epoch.")
    int warmupImages;

    @Option(names = "--images", defaultValue = "54000", description = "Images per timed epoch (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--batch", description = "Override the preset's batch size.")
    Integer batch;

    @Option(names = "--latency-calls", defaultValue = "1000", description = "Single-image predictions timed.")
    int latencyCalls;

    @Option(names = "--latency-warmup", defaultValue = "2000",
            description = "Single-image predictions made before the timed ones, so that the JIT compiler has "
                    + "compiled preprocessing and the network's Java code (100 gives the cold figure).")
    int latencyWarmup;

    @Option(names = "--profile", description = "Time every ND4J operation of the timed epochs and print where the time "
            + "went (ND4J's OpProfiler; slows training down, so the speeds it prints are not the figures to compare).")
    boolean profile;

    @Option(names = "--json", description = "End with one JSON object per preset, keys as the PyTorch reference.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || latencyCalls < 100 || latencyWarmup < 0 || images < 1000 || warmupImages < 0) {
            throw new IllegalArgumentException("--epochs must be at least 1, --latency-calls at least 100, "
                    + "--latency-warmup at least 0, --images at least 1000");
        }
        PrintWriter out = spec.commandLine().getOut();
        DatasetSource source = DatasetSource.bundled();
        DigitDataset all = source.loadTraining();
        DigitDataset test = source.loadTest();
        List<Preset> presets = new ArrayList<>();
        if (preset != null) {
            presets.add(Preset.parse(preset));
        } else {
            for (Preset p : Preset.values()) {
                if (p != Preset.CUSTOM_MLP) {
                    presets.add(p);
                }
            }
        }
        Gson gson = new Gson();
        for (Preset p : presets) {
            Map<String, Object> result = bench(p, all, test, out);
            out.println(json ? gson.toJson(result) : human(result));
            out.flush();
        }
        return 0;
    }

    private Map<String, Object> bench(Preset p, DigitDataset all, DigitDataset test, PrintWriter out) throws Exception {
        HyperParameters hp = p.defaults().withValidationShare(0).withAugment(false).withLearningRateDecay(1);
        if (batch != null) {
            hp = hp.withBatchSize(batch);
        }
        out.printf(Locale.ROOT, "# %s: warm-up on %d images, then %d epochs of %d images, batch %d%n", p.id(),
                warmupImages, epochs, Math.min(images, TRAINING_IMAGES), hp.batchSize());
        out.flush();
        TrainingOutcome warm = new TrainingSession(new TrainingRequest(p, hp.withEpochs(1),
                all.head(Math.max(warmupImages, hp.batchSize())))).run();
        requireNetwork(warm);
        DigitDataset timedSet = all.head(Math.min(images, TRAINING_IMAGES));
        if (profile) {
            OpProfiler.getInstance().reset();
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        }
        TrainingOutcome timed = new TrainingSession(new TrainingRequest(p, hp.withEpochs(epochs), timedSet,
                warm.network(), TrainingRequest.DEFAULT_PUBLISH_EVERY)).run();
        if (profile) {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
            OpProfiler.getInstance().printOutDashboard(); // to the log (standard error)
        }
        requireNetwork(timed);
        double[] perEpoch = timed.history().stream().mapToDouble(EpochMetrics::imagesPerSecond).toArray();

        double accuracy = Evaluator.evaluate(timed.network(), test).accuracy();
        long[] latencies = predictLatencies(timed.network(), test);
        double loadMillis = loadMillis(p, hp, timed);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("framework", "dl4j 1.0.0-M2.1 (" + AppInfo.NAME + " " + AppInfo.version() + ")");
        r.put("preset", p.id());
        r.put("batch", hp.batchSize());
        r.put("threads", Runtime.getRuntime().availableProcessors());
        r.put("images_per_s", round1(median(perEpoch)));
        r.put("epochs_images_per_s", Arrays.stream(perEpoch).map(BenchCommand::round1).toArray());
        r.put("predict_p50_us", round1(latencies[latencies.length / 2] / 1e3));
        r.put("predict_p99_us", round1(latencies[(int) (latencies.length * 0.99) - 1] / 1e3));
        r.put("model_load_ms", round1(loadMillis));
        r.put("test_accuracy", Math.round(accuracy * 1e4) / 1e4);
        return r;
    }

    /** Each call: a 280x280 grey image (as the canvas gives) through DigitPreprocessor and the network. */
    private long[] predictLatencies(org.deeplearning4j.nn.multilayer.MultiLayerNetwork network, DigitDataset test) {
        Classifier classifier = new Classifier(network);
        DigitPreprocessor preprocessor = new DigitPreprocessor();
        int distinct = Math.min(200, test.size());
        GrayImage[] canvases = new GrayImage[distinct];
        for (int i = 0; i < distinct; i++) {
            canvases[i] = upscaled(test.image(i), 10);
        }
        for (int i = 0; i < latencyWarmup; i++) {
            classifier.classify(preprocessor.process(canvases[i % distinct]));
        }
        long[] nanos = new long[latencyCalls];
        for (int i = 0; i < latencyCalls; i++) {
            GrayImage canvas = canvases[i % distinct];
            long start = System.nanoTime();
            var input = preprocessor.process(canvas);
            if (input.isDigit()) {
                classifier.classify(input);
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static GrayImage upscaled(float[] mnist, int scale) {
        int side = 28 * scale;
        float[] lum = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                lum[y * side + x] = 1f - mnist[(y / scale) * 28 + x / scale]; // dark ink on white, like the canvas
            }
        }
        return GrayImage.of(side, side, lum);
    }

    /** Median of five loads of the trained model from a file (after one untimed load). */
    private static double loadMillis(Preset p, HyperParameters hp, TrainingOutcome timed) throws Exception {
        Path file = Files.createTempFile("mnist-studio-bench", ".zip");
        try {
            ModelFile.save(new TrainedModel(timed.network(), new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                    AppInfo.version(), p.id(), hp, "MNIST", 0, 0, timed.history(), null, null, 0, "bench"),
                    "bench"), file);
            ModelFile.load(file);
            double[] millis = new double[5];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                ModelFile.load(file);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            return median(millis);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void requireNetwork(TrainingOutcome outcome) {
        if (!outcome.hasNetwork() || outcome.status() == TrainingOutcome.Status.FAILED) {
            throw new IllegalStateException("benchmark training failed: " + outcome.message());
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String human(Map<String, Object> r) {
        return String.format(Locale.ROOT,
                "%-9s batch %4s: %9s img/s (epochs %s), predict p50 %s us, p99 %s us, load %s ms, test accuracy %s",
                r.get("preset"), r.get("batch"), r.get("images_per_s"),
                Arrays.toString((double[]) r.get("epochs_images_per_s")), r.get("predict_p50_us"),
                r.get("predict_p99_us"), r.get("model_load_ms"), r.get("test_accuracy"));
    }
}
