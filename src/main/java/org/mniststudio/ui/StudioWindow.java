package org.mniststudio.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.mniststudio.ui.common.Format;
import org.mniststudio.ui.draw.DrawViewModel;
import org.mniststudio.ui.mistakes.MistakesViewModel;
import org.mniststudio.ui.train.TrainViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the window: the shared {@link StudioModel}, one view-model per tab, the FXML views (their
 * controllers get their view-models through the controller factory) and the theme; then starts loading the
 * model. Used by {@link StudioApp} and by the UI tests, so both drive the same window.
 */
public final class StudioWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    public static final double MIN_WIDTH = 1000;
    public static final double MIN_HEIGHT = 660;
    public static final String STYLESHEET = "/org/mniststudio/ui/studio.css";
    private static final Logger LOG = LoggerFactory.getLogger(StudioWindow.class);
    /** The studio of the window open now, for {@link FxErrorHandler}; null when none is. */
    private static final AtomicReference<StudioModel> ERROR_SINK = new AtomicReference<>();

    private final Stage stage;
    private final StudioModel studio;
    private final DrawViewModel draw;
    private final TrainViewModel train;
    private final MistakesViewModel mistakes;
    private final MainViewModel main;
    private final MainView view;

    private StudioWindow(Stage stage, StudioConfig config, double width, double height) {
        this.stage = stage;
        studio = new StudioModel(config);
        draw = new DrawViewModel(studio);
        train = new TrainViewModel(studio);
        mistakes = new MistakesViewModel(studio, draw);
        main = new MainViewModel(studio);
        FXMLLoader loader = new FXMLLoader(StudioWindow.class.getResource("Main.fxml"));
        loader.setControllerFactory(this::controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the window's FXML could not be loaded", e);
        }
        view = loader.getController();
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(StudioWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(main.titleBinding());
        stage.setMinWidth(Math.min(MIN_WIDTH, width));
        stage.setMinHeight(Math.min(MIN_HEIGHT, height));
        stage.setOnCloseRequest(e -> shutdown());
    }

    /** Shows the window at the default size (or the screen's, if smaller) and starts loading the model. */
    public static StudioWindow open(Stage stage, StudioConfig config) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        return open(stage, config, Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
    }

    public static StudioWindow open(Stage stage, StudioConfig config, double width, double height) {
        StudioWindow window = new StudioWindow(stage, config, width, height);
        window.reportUncaughtErrors();
        stage.show();
        window.studio.loadStartModel();
        return window;
    }

    /**
     * An exception that nothing caught on the FX thread is a bug; JavaFX would only print it to the console
     * and carry on, leaving the person with a window that silently stopped doing something. It is logged with
     * its stack and shown in the message bar of the window open now (no stack there). One handler serves
     * every window of the JVM, so that closing windows in any order never leaves a closed one's model
     * reachable from the FX thread.
     */
    private void reportUncaughtErrors() {
        ERROR_SINK.set(studio);
        studio.onShutdown(() -> ERROR_SINK.compareAndSet(studio, null));
        if (Platform.isFxApplicationThread()) {
            Thread fxThread = Thread.currentThread();
            if (!(fxThread.getUncaughtExceptionHandler() instanceof FxErrorHandler)) {
                fxThread.setUncaughtExceptionHandler(new FxErrorHandler());
            }
        }
    }

    /** Never throws (it runs inside JavaFX's event loop), and an error while reporting is only logged. */
    private static final class FxErrorHandler implements Thread.UncaughtExceptionHandler {
        private boolean reporting;

        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            try {
                LOG.error("unexpected error on the FX thread", error);
                StudioModel studio = ERROR_SINK.get();
                if (!reporting && studio != null && !studio.isShutDown()) {
                    reporting = true; // a fault in the message bar itself must not report itself for ever
                    try {
                        studio.showError("Unexpected error: " + Format.message(error) + " (the log has the details).");
                    } finally {
                        reporting = false;
                    }
                }
            } catch (Throwable whileReporting) {
                try {
                    LOG.error("could not report an error on the FX thread", whileReporting);
                } catch (Throwable ignored) {
                    // logging itself failed: nothing else is left to tell
                }
            }
        }
    }

    private Object controller(Class<?> type) {
        if (type == MainView.class) {
            return new MainView(main, draw, train, mistakes);
        }
        if (type == org.mniststudio.ui.draw.DrawView.class) {
            return new org.mniststudio.ui.draw.DrawView(draw);
        }
        if (type == org.mniststudio.ui.train.TrainView.class) {
            return new org.mniststudio.ui.train.TrainView(train);
        }
        if (type == org.mniststudio.ui.mistakes.MistakesView.class) {
            return new org.mniststudio.ui.mistakes.MistakesView(mistakes);
        }
        throw new IllegalArgumentException("no controller for " + type);
    }

    /** Stops training and background work (the window is closing). */
    public void shutdown() {
        studio.shutdown();
    }

    public Stage stage() {
        return stage;
    }

    public StudioModel studio() {
        return studio;
    }

    public DrawViewModel draw() {
        return draw;
    }

    public TrainViewModel train() {
        return train;
    }

    public MistakesViewModel mistakes() {
        return mistakes;
    }

    public MainViewModel main() {
        return main;
    }

    public MainView view() {
        return view;
    }
}
