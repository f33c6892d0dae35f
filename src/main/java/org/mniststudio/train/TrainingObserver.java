package org.mniststudio.train;

import org.mniststudio.model.EpochMetrics;

/**
 * Receives a training session's records on the training thread. Implementations must return quickly
 * (hand the record to another thread, e.g. with one {@code Platform.runLater} per record) and never touch
 * the network being trained.
 */
public interface TrainingObserver {
    default void onStarted(int epochs, int batchesPerEpoch, int trainingImages, int validationImages) {
    }

    default void onProgress(IterationProgress progress) {
    }

    default void onEpoch(EpochMetrics metrics) {
    }

    default void onFinished(TrainingOutcome outcome) {
    }
}
