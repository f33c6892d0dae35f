package org.mniststudio.model;

import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A network and what is known about it. The network is not thread-safe: whoever holds a TrainedModel
 * either owns it or uses it through a thread-safe wrapper (the inference layer's classifier).
 *
 * @param source where it came from, for messages: a file path or "bundled model"
 */
public record TrainedModel(MultiLayerNetwork network, ModelMetadata metadata, String source) {
    public TrainedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(source, "source");
    }
}
