package org.mniststudio.ui;

import java.nio.file.Path;

/**
 * How the window starts. Read from system properties by {@link StudioApp}; tests build one directly.
 *
 * @param model         the model file to start with; null for the bundled model
 * @param screenshotDir when not null, the window draws a sample digit, runs a short training, writes a PNG
 *                      of each tab there and closes (see {@code packaging/screenshots.sh})
 */
public record StudioConfig(Path model, Path screenshotDir) {
    /** System property naming a model file to open instead of the bundled model. */
    public static final String MODEL_PROPERTY = "mniststudio.model";
    /** System property: take screenshots of every tab into this folder, then exit. */
    public static final String SCREENSHOT_PROPERTY = "mniststudio.screenshots";

    public static StudioConfig defaults() {
        return new StudioConfig(null, null);
    }

    public static StudioConfig withModel(Path model) {
        return new StudioConfig(model, null);
    }

    public static StudioConfig fromSystemProperties() {
        String model = System.getProperty(MODEL_PROPERTY);
        String shots = System.getProperty(SCREENSHOT_PROPERTY);
        return new StudioConfig(model == null || model.isBlank() ? null : Path.of(model),
                shots == null || shots.isBlank() ? null : Path.of(shots));
    }
}
