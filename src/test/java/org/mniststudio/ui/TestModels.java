package org.mniststudio.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.mniststudio.TestData;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;
import org.mniststudio.train.TrainingOutcome;
import org.mniststudio.train.TrainingRequest;
import org.mniststudio.train.TrainingSession;

/**
 * The model the UI tests start the window with: the small MLP trained for 3 epochs on 10,000 images (about
 * 92 % on the test set; enough to tell a stroke from a loop), made with the core API the first time and kept
 * in target/ so later runs skip the ~30 s of training.
 */
public final class TestModels {
    /** Bump when the recipe changes, so an old cached file is not used. */
    private static final String VERSION = "v1";
    private static final Path CACHE = Path.of("target", "ui-test-models");
    private static Path small;

    private TestModels() {
    }

    public static synchronized Path smallModel() throws IOException {
        if (small != null) {
            return small;
        }
        Path file = CACHE.resolve("mlp-small-3x10k-" + VERSION + ".zip");
        if (Files.isRegularFile(file)) {
            try {
                ModelFile.load(file);
                small = file;
                return small;
            } catch (IOException e) {
                Files.deleteIfExists(file); // damaged cache: train again
            }
        }
        Files.createDirectories(CACHE);
        HyperParameters hp = Preset.MLP_SMALL.defaults().withEpochs(3).withBatchSize(50);
        DigitDataset training = TestData.training().head(10_000);
        TrainingOutcome outcome = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL, hp, training)).run();
        if (!outcome.hasNetwork()) {
            throw new IllegalStateException("the test model did not train: " + outcome.message());
        }
        EvaluationReport report = Evaluator.evaluate(outcome.network(), TestData.test());
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", Preset.MLP_SMALL.id(), hp,
                "MNIST", 9_000, 1_000, outcome.history(),
                new ModelMetadata.TestMetrics(report.accuracy(), report.loss(), report.count()),
                Instant.now().toString(), 0, "UI test model");
        ModelFile.save(new TrainedModel(outcome.network(), metadata, file.toString()), file);
        small = file;
        return small;
    }

    /** A file named like a model that is not one. */
    public static Path badModelFile(Path dir) throws IOException {
        Path bad = dir.resolve("broken-model.zip");
        Files.writeString(bad, "this is not a zip file");
        return bad;
    }
}
