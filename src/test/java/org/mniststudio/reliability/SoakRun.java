package org.mniststudio.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.infer.Classifier;
import org.mniststudio.infer.DigitPreprocessor;
import org.mniststudio.infer.GrayImage;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.NativeSetup;
import org.mniststudio.model.Preset;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.train.Evaluator;
import org.mniststudio.train.TrainingObserver;
import org.mniststudio.train.TrainingOutcome;
import org.mniststudio.train.TrainingRequest;
import org.mniststudio.train.TrainingSession;

/**
 * The child process of {@link SoakTest}: everything the application does at once, for a while. A network
 * trains epoch after epoch; a "canvas" of 280x280 is preprocessed and classified continuously with the latest
 * epoch's copy of it, as the Draw tab does; a saved model is loaded and evaluated again and again, as the
 * Mistakes tab does. Every few seconds it prints one line of figures:
 * {@code sample SECONDS RESIDENT HEAP THREADS FILES CLASSIFIED LOADS EPOCHS}.
 *
 * <p>It runs in its own JVM so that its heap can be fixed and touched up front ({@code -Xms = -Xmx},
 * {@code -XX:+AlwaysPreTouch}): then a change in resident memory is a change in native memory, not the heap
 * growing into pages it had not used yet.
 */
public final class SoakRun {
    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        long sampleEveryMillis = Long.parseLong(args[2]) * 1000;
        String what = args.length > 3 ? args[3] : "train,classify,load"; // a part alone, to find what grows
        NativeSetup.configure();
        DatasetSource data = DatasetSource.bundled();
        DigitDataset training = data.loadTraining().head(6000);
        DigitDataset test = data.loadTest().head(1000);
        TrainingSession session = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                Preset.MLP_SMALL.defaults().withEpochs(HyperParameters.MAX_EPOCHS).withLearningRateDecay(1), training));
        AtomicInteger epochs = new AtomicInteger();
        session.addObserver(new TrainingObserver() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                epochs.incrementAndGet();
            }
        });
        if (what.contains("train")) {
            session.start();
        }
        MultiLayerNetwork fixed = what.contains("train") ? null : ModelFile.load(model).network();
        GrayImage canvas = canvas(test.image(0));
        DigitPreprocessor preprocessor = new DigitPreprocessor();
        long start = System.currentTimeMillis();
        long nextSample = start;
        long nextLoad = start;
        int classified = 0;
        int loads = 0;
        while (System.currentTimeMillis() - start < seconds * 1000) {
            MultiLayerNetwork copy = session.latestEpochNetwork();
            if (copy == null && !what.contains("train")) {
                copy = fixed;
            }
            if (copy != null && what.contains("classify")) {
                new Classifier(copy).classify(preprocessor.process(canvas));
                classified++;
            }
            if (what.contains("load") && System.currentTimeMillis() >= nextLoad) {
                Evaluator.evaluate(ModelFile.load(model).network(), test);
                loads++;
                nextLoad = System.currentTimeMillis() + 2_000;
            }
            if (System.currentTimeMillis() >= nextSample) {
                System.out.println(sample((System.currentTimeMillis() - start) / 1000, classified, loads, epochs.get()));
                nextSample += sampleEveryMillis;
            }
            Thread.sleep(5);
        }
        if (!what.contains("train")) {
            System.out.println("done without training");
            System.exit(0);
        }
        session.stop();
        TrainingOutcome outcome = session.awaitOutcome(30, TimeUnit.SECONDS);
        System.out.println("done " + outcome.status() + " after " + outcome.history().size() + " epochs: " + outcome.message());
        System.exit(0);
    }

    private static String sample(long seconds, int classified, int loads, int epochs) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                // ND4J frees the native buffers of collected arrays on its own deallocator threads
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime rt = Runtime.getRuntime();
        long files;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            files = fds.count();
        }
        return String.format(Locale.ROOT, "sample %d %d %d %d %d %d %d %d", seconds, Pointer.physicalBytes(),
                rt.totalMemory() - rt.freeMemory(),
                ManagementFactory.getThreadMXBean().getThreadCount(), files, classified, loads, epochs);
    }

    /** An MNIST digit blown up to a 280x280 "drawing", dark ink on white, as the canvas hands it over. */
    private static GrayImage canvas(float[] mnist) {
        float[] lum = new float[280 * 280];
        for (int y = 0; y < 280; y++) {
            for (int x = 0; x < 280; x++) {
                lum[y * 280 + x] = 1f - mnist[(y / 10) * 28 + x / 10];
            }
        }
        return GrayImage.of(280, 280, lum);
    }
}
