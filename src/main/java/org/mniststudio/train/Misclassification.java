package org.mniststudio.train;

/**
 * One test image the network got wrong.
 *
 * @param index         position in the evaluated data set
 * @param probabilities the network's ten softmax outputs (a copy is returned)
 */
public record Misclassification(int index, int trueLabel, int predicted, float[] probabilities) {
    public Misclassification {
        probabilities = probabilities.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The probability the network gave its (wrong) answer. */
    public double confidence() {
        return probabilities[predicted];
    }
}
