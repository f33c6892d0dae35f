package org.mniststudio.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.mniststudio.model.Preset;
import org.mniststudio.ui.draw.DrawViewModel;
import org.mniststudio.ui.train.TrainViewModel;

/**
 * Takes the README's screenshots from the real window (see {@code packaging/screenshots.sh}): draws a sample
 * digit, trains a small network for a few epochs, opens the Mistakes tab, writes {@code draw.png},
 * {@code train.png} and {@code mistakes.png}, then closes the application. Every step waits for the
 * window's own state (polling on the FX thread), never for a fixed time alone.
 */
final class ScreenshotDirector {
    private static final Duration POLL = Duration.millis(200);
    private static final long TIMEOUT_NANOS = 15L * 60 * 1_000_000_000L;

    private final StudioWindow window;
    private final Path dir;

    ScreenshotDirector(StudioWindow window, Path dir) {
        this.window = window;
        this.dir = dir;
    }

    void start() {
        when(() -> window.studio().model() != null || window.studio().messageProperty().get() != null, this::draw);
    }

    private void draw() {
        if (window.studio().model() == null) {
            fail("no model: " + window.studio().messageProperty().get());
            return;
        }
        window.view().tabs().getSelectionModel().select(0);
        drawSampleTwo(window.draw());
        when(() -> window.draw().prediction() != null, () -> later(600, () -> {
            save("draw.png");
            train();
        }));
    }

    /** A handwritten-looking 2: an arc over the top, a diagonal down to the left, a base line. */
    static void drawSampleTwo(DrawViewModel draw) {
        draw.clear();
        draw.penWidthProperty().set(22);
        double cx = 0.49;
        double cy = 0.34;
        double r = 0.17;
        boolean first = true;
        for (double a = Math.toRadians(205); a >= Math.toRadians(-35); a -= Math.toRadians(6)) {
            double x = cx + r * Math.cos(a);
            double y = cy - r * Math.sin(a) * 1.05;
            if (first) {
                draw.beginStroke(x, y);
                first = false;
            } else {
                draw.extendStroke(x, y);
            }
        }
        double sx = cx + r * Math.cos(Math.toRadians(-35));
        double sy = cy + r * Math.sin(Math.toRadians(35)) * 1.05;
        for (double t = 0.1; t <= 1.0001; t += 0.1) {
            draw.extendStroke(sx + (0.29 - sx) * t, sy + (0.76 - sy) * t);
        }
        for (double t = 0.1; t <= 1.0001; t += 0.1) {
            draw.extendStroke(0.29 + (0.74 - 0.29) * t, 0.76 + (0.74 - 0.76) * t);
        }
        draw.endStroke();
    }

    private void train() {
        TrainViewModel train = window.train();
        window.view().tabs().getSelectionModel().select(1);
        train.presetProperty().set(Preset.MLP_SMALL);
        train.epochsProperty().set(Integer.getInteger("mniststudio.screenshots.epochs", 6));
        train.trainingImagesProperty().set(Integer.getInteger("mniststudio.screenshots.images", 20_000));
        train.start();
        when(() -> train.state() == TrainViewModel.RunState.FINISHED, () -> later(800, () -> {
            save("train.png");
            mistakes();
        }));
    }

    private void mistakes() {
        window.view().tabs().getSelectionModel().select(2);
        var mistakes = window.mistakes();
        when(() -> !mistakes.visible().isEmpty(), () -> {
            mistakes.select(mistakes.visible().get(0));
            new javafx.scene.robot.Robot().mouseMove(1, 1); // no hover highlight in the picture
            later(800, () -> {
                save("mistakes.png");
                Platform.exit();
            });
        });
    }

    private void save(String name) {
        try {
            new javafx.scene.robot.Robot().mouseMove(1, 1);
            window.stage().getScene().getRoot().layout();
            Files.createDirectories(dir);
            WritableImage image = window.stage().getScene().snapshot(null);
            Path file = dir.resolve(name);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            System.out.println("screenshot: " + file);
        } catch (IOException e) {
            fail("cannot write " + name + ": " + e.getMessage());
        }
    }

    private void fail(String why) {
        System.err.println("screenshots: " + why);
        Platform.exit();
    }

    private void later(double millis, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.millis(millis));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    /** Runs {@code action} on the FX thread once {@code condition} holds (checked every 200 ms). */
    private void when(BooleanSupplier condition, Runnable action) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        PauseTransition poll = new PauseTransition(POLL);
        poll.setOnFinished(e -> {
            if (condition.getAsBoolean()) {
                action.run();
            } else if (System.nanoTime() > deadline) {
                fail("timed out");
            } else {
                poll.playFromStart();
            }
        });
        poll.play();
    }
}
