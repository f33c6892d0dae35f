package org.mniststudio.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.model.EpochMetrics;

/**
 * How a training run ended. {@code network} is the trained network (for an early stop, the epoch with the
 * best validation loss); null only if the run failed before a network existed.
 */
public record TrainingOutcome(Status status, String message, MultiLayerNetwork network, List<EpochMetrics> history) {
    public enum Status {
        /** Ran every epoch. */
        COMPLETED,
        /** Early stopping ended it: validation loss stopped improving. */
        EARLY_STOPPED,
        /** A person stopped it. */
        STOPPED,
        /** Something went wrong (e.g. the loss became NaN); {@code message} says what. */
        FAILED
    }

    public TrainingOutcome {
        history = List.copyOf(history);
    }

    public boolean hasNetwork() {
        return network != null;
    }
}
