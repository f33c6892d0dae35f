package org.mniststudio.model;

import java.util.List;

/**
 * What MNIST Studio stores beside the network in a model file: how it was made and how good it is.
 * Stored as JSON ({@code mnist-studio.json}) so it is readable and never deserialised as Java objects.
 *
 * @param preset           the preset id, e.g. {@code best}; {@code imported} for a plain DL4J file
 * @param test             test-set results, or null if the model was never evaluated
 * @param command          the command line that trained it, when known (for reproducibility)
 */
public record ModelMetadata(
        int formatVersion,
        String appVersion,
        String preset,
        HyperParameters hyperParameters,
        String dataset,
        int trainingImages,
        int validationImages,
        List<EpochMetrics> history,
        TestMetrics test,
        String createdAt,
        double trainingSeconds,
        String command) {

    public static final int FORMAT_VERSION = 1;

    public ModelMetadata {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Test-set accuracy and mean cross-entropy loss. */
    public record TestMetrics(double accuracy, double loss, int images) {
    }

    /** Metadata for a DL4J model file that MNIST Studio did not write. */
    public static ModelMetadata imported(String createdAt) {
        return new ModelMetadata(FORMAT_VERSION, AppInfo.version(), "imported", null, "unknown", 0, 0,
                List.of(), null, createdAt, 0, null);
    }

    public ModelMetadata withTest(TestMetrics metrics) {
        return new ModelMetadata(formatVersion, appVersion, preset, hyperParameters, dataset, trainingImages,
                validationImages, history, metrics, createdAt, trainingSeconds, command);
    }

    /** "best, 99.64 % on the test set" - for a status line. */
    public String summary() {
        String name;
        try {
            name = Preset.parse(preset).displayName();
        } catch (IllegalArgumentException | NullPointerException e) {
            name = preset == null ? "unknown network" : preset;
        }
        return test == null ? name : String.format(java.util.Locale.ROOT, "%s, %.2f %% test accuracy", name,
                test.accuracy() * 100);
    }
}
