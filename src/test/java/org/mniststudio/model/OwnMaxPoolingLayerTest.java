package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OwnMaxPoolingLayerTest {
    @Test
    void everyNetworkTheAppMakesPoolsWithItsOwnLayerButSavesDl4jsConfiguration() throws Exception {
        MultiLayerNetwork lenet = NetworkFactory.build(Preset.LENET, Preset.LENET.defaults());
        assertEquals(2, ownPoolingLayers(lenet));
        assertEquals(0, ownPoolingLayers(lenet.clone()), "DL4J's clone() alone makes its own layers again");
        assertEquals(2, ownPoolingLayers(NetworkFactory.copy(lenet)));
        for (Layer layer : lenet.getLayers()) {
            assertSame(layer, lenet.getLayer(layer.conf().getLayer().getLayerName()), "the by-name view agrees");
        }
        String json = lenet.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains("SubsamplingLayer"), "the configuration is DL4J's");
        assertFalse(json.contains("OwnMaxPooling"), "saved models never name this project's class");

        TrainedModel bundled = ModelFile.loadBundled();
        assertEquals(2, ownPoolingLayers(bundled.network()), "a loaded model uses it too");
    }

    @Test
    void trainingGivesTheSameOutputsAndWeightsAsDl4jsLayer() {
        HyperParameters hp = Preset.LENET.defaults().withSeed(3).withDropout(0);
        MultiLayerNetwork own = NetworkFactory.build(Preset.LENET, hp);
        MultiLayerNetwork dl4j = new MultiLayerNetwork(NetworkFactory.configuration(Preset.LENET, hp));
        dl4j.init();
        assertSameTraining(own, dl4j, 784);
    }

    @Test
    void sameModePaddingAndOverlappingWindowsMatchDl4jsLayerToo() {
        // 3x3 windows, stride 2, "same" padding on a 13x13 map: padding and overlap, unlike the presets' 2x2.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT)
                .updater(new Adam(1e-2)).activation(Activation.RELU).convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3)
                        .stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(26, 26, 1)).build();
        MultiLayerNetwork own = new MultiLayerNetwork(conf.clone());
        own.init();
        assertEquals(1, OwnMaxPoolingLayer.useIn(own));
        MultiLayerNetwork dl4j = new MultiLayerNetwork(conf.clone());
        dl4j.init();
        assertSameTraining(own, dl4j, 26 * 26);
    }

    /** Same start, same batches: outputs and, after three Adam steps, weights agree; and the steps moved them. */
    private static void assertSameTraining(MultiLayerNetwork own, MultiLayerNetwork dl4j, int inputs) {
        assertTrue(ownPoolingLayers(own) > 0);
        assertEquals(0, ownPoolingLayers(dl4j));
        assertEquals(own.params(), dl4j.params());
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, inputs);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, (i * 7) % 10, 1f);
        }
        assertClose(dl4j.output(x, false), own.output(x, false), 1e-6, "outputs before training");
        // the gradients themselves: Adam's first steps hardly depend on their scale, so equal weights alone
        // would let a backward pass that is off by a factor through
        assertClose(gradient(dl4j, x, y), gradient(own, x, y), 1e-6, "gradients");
        INDArray before = own.params().dup();
        for (int step = 0; step < 3; step++) {
            own.fit(new DataSet(x, y));
            dl4j.fit(new DataSet(x, y));
        }
        assertTrue(before.sub(own.params()).amaxNumber().doubleValue() > 1e-4, "training changed the weights");
        assertClose(dl4j.params(), own.params(), 1e-5, "weights after three steps");
        assertClose(dl4j.output(x, false), own.output(x, false), 1e-5, "outputs after training");
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst <= tolerance, what + " differ by " + worst);
    }

    private static int ownPoolingLayers(MultiLayerNetwork net) {
        return (int) Arrays.stream(net.getLayers()).filter(l -> l instanceof OwnMaxPoolingLayer).count();
    }
}
