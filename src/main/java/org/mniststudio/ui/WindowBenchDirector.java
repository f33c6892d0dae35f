package org.mniststudio.ui;

import com.google.gson.Gson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.ui.train.TrainViewModel;

/**
 * Measures the window for the speed benchmark ({@code src/bench/window-vs-headless.sh}): how long after the
 * JVM started the window first drew a frame with its model loaded (the Draw tab usable), and the training
 * speed of a run started from the Train tab with its live charts on screen. Appends one JSON line to the
 * file given and closes the application. The headless half of the comparison is the {@code train} command.
 */
final class WindowBenchDirector {
    private final StudioWindow window;
    private final Path out;
    private final Map<String, Object> result = new LinkedHashMap<>();

    WindowBenchDirector(StudioWindow window, Path out) {
        this.window = window;
        this.out = out;
    }

    void start() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        // checked in every frame: the first frame drawn with the model in place is when a person can draw
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (window.studio().model() != null) {
                    stop();
                    result.put("window_usable_ms", System.currentTimeMillis() - jvmStart);
                    train();
                } else if (window.studio().messageProperty().get() != null) {
                    stop();
                    fail("no model: " + window.studio().messageProperty().get());
                }
            }
        }.start();
    }

    private void train() {
        TrainViewModel train = window.train();
        Preset preset = Preset.parse(System.getProperty("mniststudio.bench.preset", "lenet"));
        window.view().tabs().getSelectionModel().select(1);
        train.presetProperty().set(preset);
        train.epochsProperty().set(Integer.getInteger("mniststudio.bench.epochs", 3));
        train.trainingImagesProperty().set(Integer.getInteger("mniststudio.bench.images", 10_000));
        train.start();
        ChangeListener<TrainedModel> done = (obs, old, model) -> {
            if (model != null) {
                finish(preset, model);
            }
        };
        train.resultProperty().addListener(done);
    }

    private void finish(Preset preset, TrainedModel model) {
        double[] perEpoch = model.metadata().history().stream().mapToDouble(EpochMetrics::imagesPerSecond).toArray();
        // the first epoch warms up (JIT, native thread pools, workspaces), as in the bench command
        double[] timed = perEpoch.length > 1 ? Arrays.copyOfRange(perEpoch, 1, perEpoch.length) : perEpoch;
        Arrays.sort(timed);
        result.put("mode", "window");
        result.put("preset", preset.id());
        result.put("batch", model.metadata().hyperParameters().batchSize());
        result.put("training_images", model.metadata().trainingImages());
        result.put("images_per_s", Math.round(timed[timed.length / 2] * 10) / 10.0);
        result.put("epochs_images_per_s", Arrays.stream(perEpoch).map(v -> Math.round(v * 10) / 10.0).toArray());
        String json = new Gson().toJson(result) + "\n";
        try {
            Files.writeString(out, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print(json);
        } catch (IOException e) {
            System.err.println("window bench: cannot write " + out + ": " + e.getMessage());
        }
        Platform.exit();
    }

    private void fail(String why) {
        System.err.println("window bench: " + why);
        Platform.exit();
    }
}
