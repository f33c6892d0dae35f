package org.mniststudio.train;

import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.Preset;

/**
 * Everything a training run needs.
 *
 * @param trainingSet  the whole training set; the session holds out {@code hyperParameters.validationShare()}
 * @param startFrom    a trained network to fine-tune (it is copied, never changed), or null for a new one
 * @param publishEvery publish an {@link IterationProgress} every this many iterations
 */
public record TrainingRequest(Preset preset, HyperParameters hyperParameters, DigitDataset trainingSet,
                              MultiLayerNetwork startFrom, int publishEvery) {
    public static final int DEFAULT_PUBLISH_EVERY = 10;

    public TrainingRequest {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(hyperParameters, "hyperParameters");
        Objects.requireNonNull(trainingSet, "trainingSet");
        if (publishEvery < 1) {
            throw new IllegalArgumentException("publishEvery must be at least 1");
        }
    }

    public TrainingRequest(Preset preset, HyperParameters hyperParameters, DigitDataset trainingSet) {
        this(preset, hyperParameters, trainingSet, null, DEFAULT_PUBLISH_EVERY);
    }
}
