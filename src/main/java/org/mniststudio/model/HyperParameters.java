package org.mniststudio.model;

import java.util.List;

/**
 * Every knob of a training run, the same object for every preset. Immutable; {@link #validate()} gives
 * a message a person can act on for values that cannot work.
 *
 * @param learningRateDecay multiplies the learning rate after each epoch (1 = constant)
 * @param earlyStoppingPatience stop after this many epochs without a better validation loss (0 = never)
 * @param hiddenLayers widths of the hidden layers of a custom MLP; empty for the other presets
 */
public record HyperParameters(
        Optimizer optimizer,
        double learningRate,
        double learningRateDecay,
        int batchSize,
        int epochs,
        double dropout,
        double l2,
        long seed,
        boolean augment,
        double validationShare,
        int earlyStoppingPatience,
        List<Integer> hiddenLayers) {

    public static final int MAX_BATCH_SIZE = 8192;
    public static final int MAX_EPOCHS = 1000;
    /** Keeps the largest custom MLP (two layers of 4096) well inside the model-file size limit. */
    public static final int MAX_LAYER_WIDTH = 4096;

    public HyperParameters {
        hiddenLayers = hiddenLayers == null ? List.of() : List.copyOf(hiddenLayers);
    }

    /** Throws IllegalArgumentException with a clear message for values no run can use. */
    public HyperParameters validate() {
        if (optimizer == null) {
            throw new IllegalArgumentException("no optimizer chosen");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("the learning rate must be above 0 and at most 1 (got "
                    + learningRate + "); Adam works well at 0.001, SGD at 0.01-0.1");
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("the learning-rate decay must be above 0 and at most 1 (got "
                    + learningRateDecay + ")");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("the batch size must be between 1 and " + MAX_BATCH_SIZE
                    + " (got " + batchSize + ")");
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("the number of epochs must be between 1 and " + MAX_EPOCHS
                    + " (got " + epochs + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be at least 0 and below 1 (got " + dropout + ")");
        }
        if (!(l2 >= 0 && l2 < 1)) {
            throw new IllegalArgumentException("L2 must be at least 0 and below 1 (got " + l2 + ")");
        }
        if (!(validationShare >= 0 && validationShare <= 0.5)) {
            throw new IllegalArgumentException("the validation share must be between 0 and 0.5 (got "
                    + validationShare + ")");
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("early-stopping patience cannot be negative");
        }
        for (int width : hiddenLayers) {
            if (width < 1 || width > MAX_LAYER_WIDTH) {
                throw new IllegalArgumentException("a layer width must be between 1 and " + MAX_LAYER_WIDTH
                        + " (got " + width + ")");
            }
        }
        return this;
    }

    public HyperParameters withOptimizer(Optimizer v) {
        return new HyperParameters(v, learningRate, learningRateDecay, batchSize, epochs, dropout, l2, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withLearningRate(double v) {
        return new HyperParameters(optimizer, v, learningRateDecay, batchSize, epochs, dropout, l2, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withLearningRateDecay(double v) {
        return new HyperParameters(optimizer, learningRate, v, batchSize, epochs, dropout, l2, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withBatchSize(int v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, v, epochs, dropout, l2, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withEpochs(int v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, v, dropout, l2, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withDropout(double v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, v, l2, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withL2(double v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, dropout, v, seed,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withSeed(long v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, dropout, l2, v,
                augment, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withAugment(boolean v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, dropout, l2, seed,
                v, validationShare, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withValidationShare(double v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, dropout, l2, seed,
                augment, v, earlyStoppingPatience, hiddenLayers);
    }

    public HyperParameters withEarlyStoppingPatience(int v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, dropout, l2, seed,
                augment, validationShare, v, hiddenLayers);
    }

    public HyperParameters withHiddenLayers(List<Integer> v) {
        return new HyperParameters(optimizer, learningRate, learningRateDecay, batchSize, epochs, dropout, l2, seed,
                augment, validationShare, earlyStoppingPatience, v);
    }
}
