package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;

/** The model that makes the Draw tab work on first launch: present, small, and as good as promised. */
class BundledModelTest {
    static final Path FILE = Path.of("assets/model/default-model.zip");
    /**
     * What the bundled model measurably reaches (99.45 % for the model of README: 15 epochs, then 4 of
     * fine-tuning). The target is 99.6 %: not reached yet, see README "The bundled model"; raise this
     * when it is.
     */
    static final double REACHED_ACCURACY = 0.994;

    @Test
    void bundledModelReachesItsAccuracyOnTheRealTestSet() throws IOException {
        TrainedModel model = ModelFile.loadBundled();
        assertEquals("best", model.metadata().preset());
        EvaluationReport report = Evaluator.evaluate(model.network(), TestData.test());
        assertEquals(10_000, report.count());
        assertTrue(report.accuracy() >= REACHED_ACCURACY, "bundled model test accuracy " + report.accuracy());
        // the accuracy stored in the file is the one it really has
        assertEquals(report.accuracy(), model.metadata().test().accuracy(), 0.0005);
    }

    @Test
    void bundledModelFileIsSmallAndReproducible() throws IOException {
        assertTrue(Files.size(FILE) < 10L << 20, "model file is " + Files.size(FILE) + " bytes");
        ModelMetadata metadata = ModelFile.load(FILE).metadata();
        // the whole recipe is in the file: a fine-tuned model keeps the stages it was made from
        String recipe = metadata.earlierStages().stream().map(ModelMetadata.Stage::command)
                .reduce("", (a, b) -> a + b + "\n") + metadata.command();
        assertTrue(recipe.startsWith("train --preset best"), recipe);
        assertTrue(metadata.everAugmented(), "never trained with augmentation: " + recipe);
        assertEquals(metadata.hyperParameters().epochs(), metadata.history().size());
    }
}
