package org.mniststudio.train;

import java.util.List;

/**
 * How a network does on a data set: accuracy, mean cross-entropy loss, the 10x10 confusion matrix
 * ({@code confusion[true][predicted]}), per-class precision and recall, and every misclassified image.
 */
public record EvaluationReport(
        String dataset,
        int count,
        double accuracy,
        double loss,
        int[][] confusion,
        double[] precision,
        double[] recall,
        List<Misclassification> mistakes) {

    public EvaluationReport {
        confusion = deepCopy(confusion);
        precision = precision.clone();
        recall = recall.clone();
        mistakes = List.copyOf(mistakes);
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    public int errors() {
        return mistakes.size();
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] copy = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = m[i].clone();
        }
        return copy;
    }
}
