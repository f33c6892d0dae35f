package org.mniststudio.infer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Classifies preprocessed digits with one network. Thread-safe: calls are serialised, because a DL4J
 * network is not. The network handed in must not be trained by anyone else while this classifier uses it
 * (the training session hands out per-epoch copies for exactly this reason).
 */
public final class Classifier {
    private final MultiLayerNetwork network;
    private final Object lock = new Object();

    public Classifier(MultiLayerNetwork network) {
        this.network = network;
    }

    public Prediction classify(DigitInput input) {
        if (!input.isDigit()) {
            throw new IllegalArgumentException("no digit to classify");
        }
        return Prediction.of(probabilities(input.pixels(), 1)[0]);
    }

    /** Probabilities for {@code count} images laid out one after another (784 floats each, ink = 1). */
    public float[][] probabilities(float[] pixels, int count) {
        INDArray features = Nd4j.create(pixels, new long[] {count, 784}, 'c');
        synchronized (lock) {
            return network.output(features, false).toFloatMatrix();
        }
    }
}
