package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;
import org.nd4j.linalg.activations.IActivation;

/** The model that makes the Draw tab work on first launch: present, small, and as good as promised. */
class BundledModelTest {
    static final Path FILE = Path.of("assets/model/default-model.zip");
    /** The target; the model of README reaches 99.67 % (33 wrong). */
    static final double REACHED_ACCURACY = 0.996;

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

    /** The preset called "best" builds the network the bundled model has, so README's recipe remakes it. */
    @Test
    void bestPresetBuildsTheBundledModelsNetwork() throws IOException {
        TrainedModel model = ModelFile.loadBundled();
        var bundled = model.network().getLayerWiseConfigurations().getConfs();
        var preset = NetworkFactory.configuration(Preset.BEST, model.metadata().hyperParameters()).getConfs();
        assertEquals(layers(preset), layers(bundled));
        assertEquals(NetworkFactory.build(Preset.BEST, model.metadata().hyperParameters()).numParams(),
                model.network().numParams());
    }

    private static List<String> layers(List<NeuralNetConfiguration> confs) {
        return confs.stream().map(NeuralNetConfiguration::getLayer).map(layer -> {
            String shape = layer instanceof ConvolutionLayer conv
                    ? " " + conv.getKernelSize()[0] + "x" + conv.getKernelSize()[1] + "/" + conv.getStride()[0]
                    + " " + conv.getConvolutionMode() : "";
            String width = layer instanceof FeedForwardLayer ff ? " " + ff.getNOut() : "";
            // activations too: DL4J ignores the one a BatchNormalization names, so ReLUs are layers of their own
            IActivation activation = NetworkFactoryTest.activationOf(layer);
            return layer.getClass().getSimpleName() + width + shape + (activation == null ? "" : " " + activation);
        }).toList();
    }
}
