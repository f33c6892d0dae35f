package org.mniststudio.infer;

import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.model.NativeThreads;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Classifies preprocessed digits with one network. Thread-safe: calls are serialised, because a DL4J
 * network is not. The network handed in must not be trained by anyone else while this classifier uses it
 * (the training session hands out per-epoch copies for exactly this reason).
 *
 * <p>A single image is classified on one native thread ({@link NativeThreads}): for work this small, waking
 * a second core costs more than it saves and makes the latency's long tail.
 */
public final class Classifier {
    private final MultiLayerNetwork network;
    private final Object lock = new Object();

    public Classifier(MultiLayerNetwork network) {
        this.network = network;
        NativeThreads.useOneBlasThreadOutsideRuns();
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
        Supplier<float[][]> output = () -> network.output(features, false).toFloatMatrix();
        synchronized (lock) {
            return count == 1 ? NativeThreads.onOneOmpThread(output) : output.get();
        }
    }
}
