package org.mniststudio.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started by {@link org.mniststudio.Main} when no command is given. System property
 * {@value StudioConfig#MODEL_PROPERTY} opens another model than the bundled one; {@value
 * StudioConfig#SCREENSHOT_PROPERTY} takes screenshots of every tab and exits; {@value
 * StudioConfig#BENCH_PROPERTY} measures the window for the speed benchmark and exits.
 */
public class StudioApp extends Application {
    private StudioWindow window;

    /** Opens the window and returns when it closes; the start model loads meanwhile (see StartModelPreload). */
    public static void launchWindow() {
        StartModelPreload.start(StudioConfig.fromSystemProperties().model());
        Application.launch(StudioApp.class);
    }

    @Override
    public void start(Stage stage) {
        StudioConfig config = StudioConfig.fromSystemProperties();
        window = StudioWindow.open(stage, config);
        if (config.screenshotDir() != null) {
            new ScreenshotDirector(window, config.screenshotDir()).start();
        } else if (config.benchFile() != null) {
            new WindowBenchDirector(window, config.benchFile()).start();
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        Platform.exit();
    }
}
