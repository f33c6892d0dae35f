package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkFactoryTest {
    @Test
    void everyPresetMapsFlatImagesToTenProbabilities() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 784);
        for (Preset preset : Preset.values()) {
            MultiLayerNetwork net = NetworkFactory.build(preset, preset.defaults());
            INDArray out = net.output(input, false);
            assertArrayEquals(new long[] {3, 10}, out.shape(), preset.id());
            for (int i = 0; i < 3; i++) {
                assertEquals(1.0, out.getRow(i).sumNumber().doubleValue(), 1e-4, preset.id());
            }
        }
    }

    /**
     * A layer whose configuration says ReLU outputs no negative value. DL4J's BatchNormalization takes an
     * activation in its configuration and silently ignores it, which once left the best preset with no ReLU.
     */
    @Test
    void everyLayerConfiguredWithReluAppliesIt() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 4, 784);
        for (Preset preset : Preset.values()) {
            MultiLayerNetwork net = NetworkFactory.build(preset, preset.defaults());
            List<INDArray> activations = net.feedForward(input, true); // [input, layer 0, layer 1, ...]
            int relus = 0;
            for (int i = 0; i < net.getnLayers(); i++) {
                Layer layer = net.getLayer(i).conf().getLayer();
                if (activationOf(layer) instanceof ActivationReLU) {
                    relus++;
                    double min = activations.get(i + 1).minNumber().doubleValue();
                    assertTrue(min >= 0, preset.id() + " layer " + i + " ("
                            + layer.getClass().getSimpleName() + ") is configured with ReLU but outputs " + min);
                }
            }
            assertTrue(relus >= 2, preset.id() + " has only " + relus + " ReLU layers");
        }
    }

    /** The activation a layer's configuration names (ActivationLayer is no BaseLayer), or null for none. */
    static IActivation activationOf(Layer layer) {
        if (layer instanceof BaseLayer base) {
            return base.getActivationFn();
        }
        return layer instanceof ActivationLayer activation ? activation.getActivationFn() : null;
    }

    @Test
    void theBestNetworkHasAReluAfterEveryBatchNorm() {
        MultiLayerNetwork best = NetworkFactory.build(Preset.BEST, Preset.BEST.defaults());
        int batchNorms = 0;
        for (int i = 0; i < best.getnLayers(); i++) {
            if (best.getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                batchNorms++;
                assertTrue(best.getLayer(i + 1).conf().getLayer() instanceof ActivationLayer next
                        && next.getActivationFn() instanceof ActivationReLU, "layer " + (i + 1));
            }
        }
        assertEquals(5, batchNorms);
    }

    @Test
    void theMlpsHaveTheNotebooksShapes() {
        // 784*50+50 + 50*50+50 + 50*10+10
        assertEquals(42_310, NetworkFactory.build(Preset.MLP_SMALL, Preset.MLP_SMALL.defaults()).numParams());
        // 784*500+500 + 2*(500*500+500) + 500*10+10
        assertEquals(898_510, NetworkFactory.build(Preset.MLP_WIDE, Preset.MLP_WIDE.defaults()).numParams());
        MultiLayerNetwork deep = NetworkFactory.build(Preset.MLP_DEEP, Preset.MLP_DEEP.defaults());
        long dense = deep.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof DenseLayer && !(c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer))
                .count();
        assertEquals(10, dense);
    }

    @Test
    void theCnnIsTheKerasExample() {
        MultiLayerNetwork cnn = NetworkFactory.build(Preset.CNN, Preset.CNN.defaults());
        List<Long> filters = cnn.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof ConvolutionLayer)
                .map(c -> ((ConvolutionLayer) c.getLayer()).getNOut()).toList();
        assertEquals(List.of(32L, 64L), filters);
        // conv 3*3*1*32+32, conv 3*3*32*64+64, dense 9216*128+128, out 128*10+10 = the Keras summary's 1,199,882
        assertEquals(1_199_882, cnn.numParams());
    }

    @Test
    void customMlpUsesTheGivenWidths() {
        HyperParameters hp = Preset.CUSTOM_MLP.defaults().withHiddenLayers(List.of(30, 20));
        // 784*30+30 + 30*20+20 + 20*10+10
        assertEquals(24_380, NetworkFactory.build(Preset.CUSTOM_MLP, hp).numParams());
    }

    @Test
    void sameSeedSameWeights() {
        HyperParameters hp = Preset.LENET.defaults().withSeed(5);
        assertEquals(NetworkFactory.build(Preset.LENET, hp).params(), NetworkFactory.build(Preset.LENET, hp).params());
    }

    @Test
    void valuesNoRunCanUseAreRefusedWithAClearMessage() {
        HyperParameters hp = Preset.MLP_SMALL.defaults();
        assertMessage(() -> hp.withLearningRate(10).validate(), "learning rate");
        assertMessage(() -> hp.withLearningRate(0).validate(), "learning rate");
        assertMessage(() -> hp.withBatchSize(0).validate(), "batch size");
        assertMessage(() -> hp.withEpochs(0).validate(), "epochs");
        assertMessage(() -> hp.withDropout(1).validate(), "dropout");
        assertMessage(() -> hp.withValidationShare(1).validate(), "validation share");
        assertMessage(() -> hp.withHiddenLayers(List.of(0)).validate(), "layer width");
        assertMessage(() -> Preset.parse("resnet"), "unknown preset");
        assertMessage(() -> Optimizer.parse("rmsprop"), "unknown optimizer");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String text) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(text), x.getMessage());
    }
}
