package org.mniststudio.train;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J listener behind every chart and progress bar: it sees each iteration's loss and the input to
 * the output layer, and every {@code publishEvery} iterations hands one immutable {@link IterationProgress}
 * to the observers.
 *
 * <p>Training accuracy costs almost nothing: DL4J passes the activations of the forward pass to
 * {@link #onForwardPass}, and the last of them times the output layer's weights gives the logits whose
 * arg-max is the prediction (softmax does not change the arg-max). No second forward pass is run.
 */
final class MetricsListener extends BaseTrainingListener {
    private final List<TrainingObserver> observers;
    private final int publishEvery;
    private final int epochs;
    private final int batchesPerEpoch;

    private int[] batchLabels;
    private int epoch;
    private int batchInEpoch;
    private long iteration;
    private int pendingCorrect = -1;

    // since the last published record
    private double windowLoss;
    private int windowBatches;
    private long windowCorrect;
    private long windowImages;
    private long windowStartNanos;

    // since the start of the epoch
    private double epochLoss;
    private int epochBatches;
    private long epochCorrect;
    private long epochImages;
    private long epochStartNanos;

    private double lastSecondsPerIteration = Double.NaN;
    private String failure;

    MetricsListener(List<TrainingObserver> observers, int publishEvery, int epochs, int batchesPerEpoch) {
        this.observers = observers;
        this.publishEvery = Math.max(1, publishEvery);
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    void startEpoch(int epochNumber) {
        epoch = epochNumber;
        batchInEpoch = 0;
        epochLoss = 0;
        epochBatches = 0;
        epochCorrect = 0;
        epochImages = 0;
        epochStartNanos = System.nanoTime();
        resetWindow();
    }

    /** The labels of the batch about to be fitted, so accuracy can be counted. */
    void beforeBatch(int[] labels) {
        batchLabels = labels;
        pendingCorrect = -1;
    }

    /** Null while the loss is finite; otherwise a message for the person training. */
    String failure() {
        return failure;
    }

    double epochLoss() {
        return epochBatches == 0 ? Double.NaN : epochLoss / epochBatches;
    }

    double epochAccuracy() {
        return epochImages == 0 ? Double.NaN : (double) epochCorrect / epochImages;
    }

    double epochImagesPerSecond() {
        double seconds = epochSeconds();
        return seconds <= 0 ? Double.NaN : epochImages / seconds;
    }

    double epochSeconds() {
        return (System.nanoTime() - epochStartNanos) / 1e9;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (batchLabels == null || !(model instanceof MultiLayerNetwork net) || activations.isEmpty()) {
            return;
        }
        try {
            INDArray lastHidden = activations.get(activations.size() - 1);
            var output = net.getOutputLayer();
            INDArray logits = lastHidden.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
            INDArray predicted = logits.argMax(1);
            int correct = 0;
            for (int i = 0; i < batchLabels.length; i++) {
                if (predicted.getInt(i) == batchLabels[i]) {
                    correct++;
                }
            }
            pendingCorrect = correct;
        } catch (RuntimeException e) {
            pendingCorrect = -1; // an unusual output layer: accuracy is left out, training goes on
        }
    }

    @Override
    public void iterationDone(Model model, int dl4jIteration, int dl4jEpoch) {
        double loss = model.score();
        iteration++;
        batchInEpoch++;
        if (!Double.isFinite(loss)) {
            failure = "the loss became " + (Double.isNaN(loss) ? "NaN" : "infinite") + " at iteration " + iteration
                    + " (epoch " + epoch + "): the learning rate is likely too high; try a smaller one";
            return;
        }
        int images = batchLabels == null ? 0 : batchLabels.length;
        windowLoss += loss;
        windowBatches++;
        windowImages += images;
        epochLoss += loss;
        epochBatches++;
        epochImages += images;
        if (pendingCorrect >= 0) {
            windowCorrect += pendingCorrect;
            epochCorrect += pendingCorrect;
        }
        if (windowBatches >= publishEvery || batchInEpoch == batchesPerEpoch) {
            publish();
        }
    }

    private void publish() {
        double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
        double imagesPerSecond = seconds > 0 ? windowImages / seconds : Double.NaN;
        lastSecondsPerIteration = seconds / windowBatches;
        long total = (long) epochs * batchesPerEpoch;
        long remaining = Math.max(0, total - ((long) (epoch - 1) * batchesPerEpoch + batchInEpoch));
        IterationProgress progress = new IterationProgress(
                iteration, epoch, epochs, batchInEpoch, batchesPerEpoch,
                windowLoss / windowBatches,
                windowImages == 0 ? Double.NaN : (double) windowCorrect / windowImages,
                imagesPerSecond,
                Math.min(1, (double) (total - remaining) / total),
                Math.min(1, (double) batchInEpoch / batchesPerEpoch),
                remaining * lastSecondsPerIteration);
        for (TrainingObserver observer : observers) {
            observer.onProgress(progress);
        }
        resetWindow();
    }

    private void resetWindow() {
        windowLoss = 0;
        windowBatches = 0;
        windowCorrect = 0;
        windowImages = 0;
        windowStartNanos = System.nanoTime();
    }
}
