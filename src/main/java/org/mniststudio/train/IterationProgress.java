package org.mniststudio.train;

/**
 * A snapshot of a running training session, published every few iterations. Immutable, so it can be
 * handed to any thread (the window's charts, a terminal progress bar).
 *
 * @param iteration        1-based count of batches trained so far in this run
 * @param epoch            1-based epoch the iteration belongs to
 * @param trainingLoss     mean loss over the batches since the previous record
 * @param trainingAccuracy share of the images of those batches the network got right (as it trained)
 * @param progress         share of the whole run done, 0-1
 * @param epochProgress    share of the current epoch done, 0-1
 * @param secondsLeft      estimated time to the end of the run, from the recent speed
 */
public record IterationProgress(
        long iteration,
        int epoch,
        int epochs,
        int batchInEpoch,
        int batchesPerEpoch,
        double trainingLoss,
        double trainingAccuracy,
        double imagesPerSecond,
        double progress,
        double epochProgress,
        double secondsLeft) {
}
