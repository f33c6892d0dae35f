package org.mniststudio.infer;

/**
 * A classification: the ten probabilities and the digit that won.
 */
public record Prediction(int digit, float[] probabilities) {
    /** Below this top probability the window shows "not sure". */
    public static final double CONFIDENT = 0.6;

    public Prediction {
        probabilities = probabilities.clone();
    }

    public static Prediction of(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(best, probabilities);
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    public double confidence() {
        return probabilities[digit];
    }

    public boolean isConfident() {
        return confidence() >= CONFIDENT;
    }
}
