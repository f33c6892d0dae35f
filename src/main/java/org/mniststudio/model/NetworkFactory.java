package org.mniststudio.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds the DL4J network of a preset. Every network takes a flat 784-float row (28x28, ink = 1) and ends
 * in a 10-way softmax with cross-entropy loss, which with one-hot labels is Keras's sparse categorical
 * cross-entropy.
 */
public final class NetworkFactory {
    public static final int INPUT_SIZE = 784;
    public static final int CLASSES = 10;

    private NetworkFactory() {
    }

    public static MultiLayerNetwork build(Preset preset, HyperParameters hp) {
        hp.validate();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(preset, hp));
        net.init();
        OwnMaxPoolingLayer.useIn(net);
        return net;
    }

    /**
     * A deep copy of {@code net} (parameters, updater state, configuration), with the same layer
     * implementations: DL4J's {@code clone()} alone would bring back its own max pooling.
     */
    public static MultiLayerNetwork copy(MultiLayerNetwork net) {
        MultiLayerNetwork copy = net.clone();
        OwnMaxPoolingLayer.useIn(copy);
        return copy;
    }

    public static MultiLayerConfiguration configuration(Preset preset, HyperParameters hp) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(hp.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(hp))
                .weightInit(WeightInit.RELU)
                .activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (hp.l2() > 0) {
            base.l2(hp.l2());
        }
        NeuralNetConfiguration.ListBuilder list = base.list();
        switch (preset) {
            case MLP_SMALL -> mlp(list, List.of(50, 50), hp.dropout());
            case MLP_WIDE -> mlp(list, List.of(500, 500, 500), hp.dropout());
            case MLP_DEEP -> mlp(list, java.util.Collections.nCopies(10, 200), hp.dropout());
            case CUSTOM_MLP -> mlp(list, hp.hiddenLayers().isEmpty() ? List.of(300, 100) : hp.hiddenLayers(),
                    hp.dropout());
            case CNN -> kerasCnn(list, hp.dropout());
            case LENET -> lenet(list, hp.dropout());
            case BEST -> best(list, hp.dropout());
            default -> throw new IllegalArgumentException("no network for preset " + preset);
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(CLASSES).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        list.setInputType(preset.isConvolutional() ? InputType.convolutionalFlat(28, 28, 1)
                : InputType.feedForward(INPUT_SIZE));
        return list.build();
    }

    static IUpdater updater(HyperParameters hp) {
        ISchedule schedule = new ExponentialSchedule(ScheduleType.EPOCH, hp.learningRate(), hp.learningRateDecay());
        return switch (hp.optimizer()) {
            case ADAM -> new Adam(schedule);
            case SGD -> new Sgd(schedule);
            case NESTEROV -> new Nesterovs(schedule, 0.9);
        };
    }

    private static void mlp(NeuralNetConfiguration.ListBuilder list, List<Integer> widths, double dropout) {
        for (int width : widths) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(width);
            list.layer(dense.build());
            if (dropout > 0) {
                list.layer(dropoutLayer(dropout));
            }
        }
    }

    /** The CNN of the Keras MNIST example: conv32, conv64, pool, dropout .25, dense 128, dropout. */
    private static void kerasCnn(NeuralNetConfiguration.ListBuilder list, double dropout) {
        list.layer(conv(3, 32)).layer(conv(3, 64)).layer(maxPool())
                .layer(dropoutLayer(0.25))
                .layer(new DenseLayer.Builder().nOut(128).build());
        if (dropout > 0) {
            list.layer(dropoutLayer(dropout));
        }
    }

    private static void lenet(NeuralNetConfiguration.ListBuilder list, double dropout) {
        list.layer(conv(5, 20)).layer(maxPool()).layer(conv(5, 50)).layer(maxPool())
                .layer(new DenseLayer.Builder().nOut(500).build());
        if (dropout > 0) {
            list.layer(dropoutLayer(dropout));
        }
    }

    /**
     * The bundled model's network: two VGG-style blocks with batch normalisation, then a dense layer.
     * Batch norm lets it train fast at a higher learning rate. Each ReLU is a layer of its own after the batch
     * norm: DL4J's {@code BatchNormalization} accepts an activation in its configuration but never applies it
     * (M2.1), which left the earlier version of this network without a single ReLU.
     */
    private static void best(NeuralNetConfiguration.ListBuilder list, double dropout) {
        list.layer(convNoBias(3, 32)).layer(bn()).layer(relu()).layer(convNoBias(3, 32)).layer(bn()).layer(relu())
                .layer(maxPool())
                .layer(convNoBias(3, 64)).layer(bn()).layer(relu()).layer(convNoBias(3, 64)).layer(bn()).layer(relu())
                .layer(maxPool())
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.IDENTITY).hasBias(false).build())
                .layer(bn()).layer(relu());
        if (dropout > 0) {
            list.layer(dropoutLayer(dropout));
        }
    }

    private static ConvolutionLayer conv(int kernel, int filters) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(filters).build();
    }

    /** A convolution whose ReLU comes after the batch norm that follows it; BN makes the bias redundant. */
    private static ConvolutionLayer convNoBias(int kernel, int filters) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(filters)
                .activation(Activation.IDENTITY).hasBias(false).build();
    }

    private static BatchNormalization bn() {
        return new BatchNormalization.Builder().activation(Activation.IDENTITY).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** DL4J's dropout takes the probability of keeping a unit; people (and Keras) give the share dropped. */
    private static DropoutLayer dropoutLayer(double dropShare) {
        return new DropoutLayer.Builder().dropOut(new Dropout(1.0 - dropShare)).build();
    }
}
