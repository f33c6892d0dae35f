package org.mniststudio.model;

/**
 * What one epoch of training achieved. Validation values are NaN when nothing was held out.
 *
 * @param epoch 1-based
 */
public record EpochMetrics(
        int epoch,
        double trainingLoss,
        double trainingAccuracy,
        double validationLoss,
        double validationAccuracy,
        double seconds,
        double imagesPerSecond,
        double learningRate) {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
