package org.mniststudio.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.data.DigitDataset;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Runs a network over a data set in batches and reports accuracy, loss, confusion matrix, precision,
 * recall and the misclassified images. Uses DL4J's {@link Evaluation} for the counting. The caller must make
 * sure no other thread is fitting {@code network} meanwhile (DL4J networks are not thread-safe).
 */
public final class Evaluator {
    public static final int DEFAULT_BATCH = 500;
    /** Probabilities are clamped here before the log so one confident mistake cannot make the loss infinite. */
    private static final double MIN_PROBABILITY = 1e-7;

    private Evaluator() {
    }

    public static EvaluationReport evaluate(MultiLayerNetwork network, DigitDataset data) {
        return evaluate(network, data, DEFAULT_BATCH, p -> { });
    }

    /** @param progress receives the share done (0-1) after each batch */
    public static EvaluationReport evaluate(MultiLayerNetwork network, DigitDataset data, int batchSize,
                                            DoubleConsumer progress) {
        Evaluation evaluation = new Evaluation(10);
        List<Misclassification> mistakes = new ArrayList<>();
        double lossSum = predictAll(network, data, batchSize, (batch, output, probabilities, offset) -> {
            evaluation.eval(batch.getLabels(), output);
            for (int i = 0; i < probabilities.length; i++) {
                int truth = data.label(offset + i);
                int predicted = argMax(probabilities[i]);
                if (predicted != truth) {
                    mistakes.add(new Misclassification(offset + i, truth, predicted, probabilities[i]));
                }
            }
            progress.accept((double) (offset + probabilities.length) / data.size());
        });
        int[][] confusion = new int[10][10];
        double[] precision = new double[10];
        double[] recall = new double[10];
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                confusion[t][p] = evaluation.getConfusionMatrix().getCount(t, p);
            }
            precision[t] = evaluation.precision(t);
            recall[t] = evaluation.recall(t);
        }
        return new EvaluationReport(data.name(), data.size(), evaluation.accuracy(), lossSum / data.size(),
                confusion, precision, recall, mistakes);
    }

    /** Accuracy and loss only, for the validation share after each epoch. */
    static double[] accuracyAndLoss(MultiLayerNetwork network, DigitDataset data, int batchSize) {
        long[] correct = {0};
        double lossSum = predictAll(network, data, batchSize, (batch, output, probabilities, offset) -> {
            for (int i = 0; i < probabilities.length; i++) {
                if (argMax(probabilities[i]) == data.label(offset + i)) {
                    correct[0]++;
                }
            }
        });
        return new double[] {(double) correct[0] / data.size(), lossSum / data.size()};
    }

    /** What each batch's predictions are handed to; {@code offset} is the batch's first index in the data set. */
    private interface BatchPredictions {
        void accept(DataSet batch, INDArray output, float[][] probabilities, int offset);
    }

    /**
     * The one pass over a data set: runs the network batch by batch in file order, hands each batch's
     * predictions on and returns the summed cross-entropy loss.
     */
    private static double predictAll(MultiLayerNetwork network, DigitDataset data, int batchSize,
                                     BatchPredictions consumer) {
        double lossSum = 0;
        DigitBatchIterator batches = new DigitBatchIterator(data, batchSize, false, null, 0);
        int offset = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray output = network.output(batch.getFeatures(), false);
            float[][] probabilities = output.toFloatMatrix();
            for (int i = 0; i < probabilities.length; i++) {
                lossSum -= Math.log(Math.max(MIN_PROBABILITY, probabilities[i][data.label(offset + i)]));
            }
            consumer.accept(batch, output, probabilities, offset);
            offset += probabilities.length;
        }
        return lossSum;
    }

    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
