package org.mniststudio.model;

import java.util.List;

/**
 * What MNIST Studio stores beside the network in a model file: how it was made and how good it is.
 * Stored as JSON ({@code mnist-studio.json}) so it is readable and never deserialised as Java objects.
 *
 * @param preset           the preset id, e.g. {@code best}; {@code imported} for a plain DL4J file
 * @param test             test-set results, or null if the model was never evaluated
 * @param command          the command line that trained it, when known (for reproducibility)
 * @param earlierStages    for a fine-tuned model, how the model it started from was made, oldest first
 *                         (empty when it was trained from scratch), so that the whole recipe stays with it
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
        String command,
        List<Stage> earlierStages) {

    public static final int FORMAT_VERSION = 1;

    public ModelMetadata {
        history = history == null ? List.of() : List.copyOf(history);
        earlierStages = earlierStages == null ? List.of() : List.copyOf(earlierStages);
    }

    /** A model trained from scratch (no earlier stages). */
    public ModelMetadata(int formatVersion, String appVersion, String preset, HyperParameters hyperParameters,
                         String dataset, int trainingImages, int validationImages, List<EpochMetrics> history,
                         TestMetrics test, String createdAt, double trainingSeconds, String command) {
        this(formatVersion, appVersion, preset, hyperParameters, dataset, trainingImages, validationImages, history,
                test, createdAt, trainingSeconds, command, List.of());
    }

    /** One earlier training run of a fine-tuned model. */
    public record Stage(String command, int epochs, boolean augment, Double testAccuracy) {
        static Stage of(ModelMetadata m) {
            return new Stage(m.command(), m.history().size(), m.hyperParameters() != null && m.hyperParameters().augment(),
                    m.test() == null ? null : m.test().accuracy());
        }
    }

    /** The stages to record for a model fine-tuned from {@code start}: its own earlier stages, then itself. */
    public static List<Stage> stagesBefore(ModelMetadata start) {
        if (start == null) {
            return List.of();
        }
        List<Stage> stages = new java.util.ArrayList<>(start.earlierStages());
        stages.add(Stage.of(start));
        return stages;
    }

    /** Whether this model or any model it was fine-tuned from was trained with augmentation. */
    public boolean everAugmented() {
        return (hyperParameters != null && hyperParameters.augment())
                || earlierStages.stream().anyMatch(Stage::augment);
    }

    /** Test-set accuracy and mean cross-entropy loss. */
    public record TestMetrics(double accuracy, double loss, int images) {
    }

    /** Metadata for a DL4J model file that MNIST Studio did not write. */
    public static ModelMetadata imported(String createdAt) {
        return new ModelMetadata(FORMAT_VERSION, AppInfo.version(), "imported", null, "unknown", 0, 0,
                List.of(), null, createdAt, 0, null, List.of());
    }

    public ModelMetadata withTest(TestMetrics metrics) {
        return new ModelMetadata(formatVersion, appVersion, preset, hyperParameters, dataset, trainingImages,
                validationImages, history, metrics, createdAt, trainingSeconds, command, earlierStages);
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
