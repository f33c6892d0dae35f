package org.mniststudio.ui;

import java.nio.file.Path;

/**
 * How the window starts. Read from system properties by {@link StudioApp}; tests build one directly.
 *
 * @param model         the model file to start with; null for the bundled model
 * @param screenshotDir when not null, the window draws a sample digit, runs a short training, writes a PNG
 *                      of each tab there and closes (see {@code packaging/screenshots.sh})
 * @param benchFile     when not null, the window measures its start-up and a training run, appends the
 *                      figures to this file as a JSON line and closes (see {@code src/bench/window-vs-headless.sh})
 */
public record StudioConfig(Path model, Path screenshotDir, Path benchFile) {
    /** System property naming a model file to open instead of the bundled model. */
    public static final String MODEL_PROPERTY = "mniststudio.model";
    /** System property: take screenshots of every tab into this folder, then exit. */
    public static final String SCREENSHOT_PROPERTY = "mniststudio.screenshots";
    /** System property: measure the window (start-up, training with live charts) into this file, then exit. */
    public static final String BENCH_PROPERTY = "mniststudio.bench";

    public static StudioConfig defaults() {
        return new StudioConfig(null, null, null);
    }

    public static StudioConfig withModel(Path model) {
        return new StudioConfig(model, null, null);
    }

    public static StudioConfig fromSystemProperties() {
        return new StudioConfig(path(System.getProperty(MODEL_PROPERTY)), path(System.getProperty(SCREENSHOT_PROPERTY)),
                path(System.getProperty(BENCH_PROPERTY)));
    }

    private static Path path(String property) {
        return property == null || property.isBlank() ? null : Path.of(property);
    }
}
