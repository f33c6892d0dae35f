package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * NativeSetup must leave DL4J 1.0.0-M2.1 able to create its oneDNN (MKLDNN) layer helpers, and
 * the helpers must compute what the built-in Java implementation computes.
 */
class NativeSetupTest {

    private static final int BATCH = 8;

    @BeforeAll
    static void setUp() {
        NativeSetup.configure();
    }

    @Test
    void configureIsIdempotentAndEnablesHelpers() {
        NativeSetup.configure();
        NativeSetup.configure();
        assertEquals("false", System.getProperty(NativeSetup.HELPERS_DISABLE));
    }

    @Test
    void convSubsamplingAndBatchNormLayersGetOneDnnHelpers() {
        MultiLayerNetwork net = network();
        assertTrue(net.getLayer(0).getHelper() instanceof MKLDNNConvHelper,
                "ConvolutionLayer has no oneDNN helper: " + net.getLayer(0).getHelper()
                        + " (shim org.nd4j.nativeblas.Nd4jCpu$Environment missing or helpers disabled?)");
        assertTrue(net.getLayer(1).getHelper() instanceof MKLDNNBatchNormHelper, "BatchNormalization helper");
        assertTrue(net.getLayer(2).getHelper() instanceof MKLDNNSubsamplingHelper, "SubsamplingLayer helper");
        assertNull(net.getLayer(3).getHelper(), "dense layers have no helper");
    }

    @Test
    void helperOutputsAndGradientsMatchBuiltInImplementation() {
        MultiLayerNetwork withHelper = network();
        MultiLayerNetwork without = networkWithoutHelpers();
        without.setParams(withHelper.params().dup());
        for (Layer l : without.getLayers()) {
            assertNull(l.getHelper(), "reference network must not use helpers");
        }
        assertNotNull(withHelper.getLayer(0).getHelper());

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 1, 12, 12);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 10, 1f);
        }

        assertClose(without.output(x, false), withHelper.output(x, false), "inference output");
        assertClose(without.output(x, true), withHelper.output(x, true), "training-mode output");

        without.setInput(x);
        without.setLabels(y);
        without.computeGradientAndScore();
        withHelper.setInput(x);
        withHelper.setLabels(y);
        withHelper.computeGradientAndScore();
        assertEquals(without.score(), withHelper.score(), 1e-4, "loss");
        assertClose(without.gradient().gradient(), withHelper.gradient().gradient(), "gradients");
    }

    @Test
    void choosesBestSupportedVariantAndNeverOneTheCpuCannotRun() {
        Set<String> avx2 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2");
        Set<String> noAvx2 = Set.of("sse4_2", "avx");
        Set<String> both = Set.of("-onednn-avx2", "-onednn");

        assertEquals("-onednn-avx2", NativeSetup.chooseExtension(avx2, both::contains));
        assertEquals("-onednn", NativeSetup.chooseExtension(noAvx2, both::contains));
        assertEquals("-onednn", NativeSetup.chooseExtension(avx2, "-onednn"::equals));
        // only an AVX2 build present on an older CPU: force the plain build instead
        assertEquals(NativeSetup.PLAIN, NativeSetup.chooseExtension(noAvx2, "-onednn-avx2"::equals));
        // nothing but the plain build on the class path: leave JavaCPP alone
        assertNull(NativeSetup.chooseExtension(avx2, e -> false));
    }

    /** conv - batchnorm - maxpool - dense - softmax on 12x12x1, FLOAT, as built after configure(). */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(123)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Same network built while DL4J's helper switch is off (it is read when layers are created). */
    private static MultiLayerNetwork networkWithoutHelpers() {
        String old = System.getProperty(NativeSetup.HELPERS_DISABLE);
        System.setProperty(NativeSetup.HELPERS_DISABLE, "true");
        try {
            return network();
        } finally {
            System.setProperty(NativeSetup.HELPERS_DISABLE, old);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what + " length");
        double maxAbs = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * maxAbs, what + " differ by " + diff + " (scale " + maxAbs + ")");
    }
}
