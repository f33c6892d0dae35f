package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mniststudio.model.Preset;
import org.mniststudio.ui.common.ConfusionMatrixView;
import org.mniststudio.ui.common.FxTimer;
import org.mniststudio.ui.train.TrainViewModel;
import org.mniststudio.ui.train.TrainViewModel.RunState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Drives the Train tab of the real window: short runs on small subsets of MNIST. */
@ExtendWith(ApplicationExtension.class)
class TrainTabTest {
    private static Path model;
    private StudioWindow window;

    @BeforeAll
    static void trainTestModel() throws Exception {
        model = TestModels.smallModel();
    }

    @Start
    void start(Stage stage) {
        window = StudioWindow.open(stage, StudioConfig.withModel(model), 1280, 800);
    }

    @Stop
    void stop() {
        window.shutdown();
    }

    @BeforeEach
    void modelLoadedAndTrainTabShown(FxRobot robot) {
        Fx.waitUntil("the start model to load", 60, () -> window.studio().model() != null);
        Fx.dismissMessage(window);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        Fx.waitUntil("the Train tab", 10, () -> window.view().tabs().getSelectionModel().getSelectedIndex() == 1);
    }

    private TrainViewModel train() {
        return window.train();
    }

    private <T extends Node> T node(FxRobot robot, String query, Class<T> type) {
        return Fx.node(robot, query, type);
    }

    /** Clicks the node {@code query} finds, looked up on the FX thread (see {@link Fx#node}). */
    private void click(FxRobot robot, String query) {
        robot.clickOn(node(robot, query, Node.class));
    }

    private boolean disabled(FxRobot robot, String query) {
        Node n = node(robot, query, Node.class);
        return Fx.call(n::isDisabled);
    }

    /** How many pulses the window's scene runs in the next {@code millis} ms. */
    private int pulsesWithin(long millis) {
        AtomicInteger pulses = new AtomicInteger();
        Runnable count = pulses::incrementAndGet;
        Fx.run(() -> window.view().tabs().getScene().addPostLayoutPulseListener(count));
        try {
            Thread.sleep(millis); // the span counted, not an assertion
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Fx.run(() -> window.view().tabs().getScene().removePostLayoutPulseListener(count));
        return pulses.get();
    }

    @SuppressWarnings("unchecked")
    private int points(FxRobot robot, String chart, int series) {
        LineChart<Number, Number> c = node(robot, chart, LineChart.class);
        return Fx.call(() -> c.getData().get(series).getData().size());
    }

    @Test
    void choosingAPresetFillsInItsValues(FxRobot robot) {
        robot.clickOn("#presetBox");
        robot.clickOn(Preset.CNN.displayName());
        Fx.waitUntil("the CNN preset", 10, () -> train().presetProperty().get() == Preset.CNN);
        @SuppressWarnings("unchecked")
        Spinner<Integer> batch = node(robot, "#batchSizeSpinner", Spinner.class);
        assertEquals(Preset.CNN.defaults().batchSize(), Fx.call(batch::getValue));
        assertEquals(Preset.CNN.defaults().dropout(), Fx.call(() -> train().dropoutProperty().get()), 1e-9);
        assertTrue(disabled(robot, "#layersField"), "hidden layers are only for the custom MLP");

        robot.clickOn("#presetBox");
        robot.clickOn(Preset.CUSTOM_MLP.displayName());
        Fx.waitUntil("the custom preset", 10, () -> train().presetProperty().get() == Preset.CUSTOM_MLP);
        assertFalse(disabled(robot, "#layersField"));
        assertEquals("300,100", Fx.call(() -> train().hiddenLayersProperty().get()));
    }

    @Test
    void aBadValueIsExplainedAndNothingStarts(FxRobot robot) {
        robot.doubleClickOn("#learningRateField");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("fast");
        click(robot, "#startButton");
        Label error = node(robot, "#formError", Label.class);
        Fx.waitUntil("the form error", 10, () -> error.isVisible());
        assertTrue(Fx.call(error::getText).toLowerCase().contains("learning rate"), Fx.call(error::getText));
        assertEquals(RunState.IDLE, Fx.call(() -> train().state()));
    }

    @Test
    void aShortRunFillsTheChartsAndMovesTheProgressBarThenStops(FxRobot robot) {
        assertTrue(disabled(robot, "#pauseButton") && disabled(robot, "#stopButton"), "nothing to pause or stop yet");
        Fx.run(() -> {
            train().presetProperty().set(Preset.MLP_SMALL);
            train().epochsProperty().set(200);
            train().batchSizeProperty().set(50);
            train().trainingImagesProperty().set(3000);
        });
        click(robot, "#startButton");
        Fx.waitUntil("training to run", 60, () -> train().state() == RunState.RUNNING);
        assertTrue(disabled(robot, "#startButton"), "Start is disabled while training");
        assertTrue(disabled(robot, "#presetBox"), "the form is disabled while training");
        assertFalse(disabled(robot, "#stopButton"));

        Fx.waitUntil("points on the loss chart", 60, () -> points(robot, "#lossChart", 0) >= 3);
        ProgressBar bar = node(robot, "#runProgress", ProgressBar.class);
        double first = Fx.call(bar::getProgress);
        assertTrue(first > 0, "run progress " + first);
        Fx.waitUntil("the progress bar to move on", 60, () -> bar.getProgress() > first);
        Fx.waitUntil("a validation point", 60, () -> points(robot, "#lossChart", 1) >= 1);
        assertTrue(points(robot, "#accuracyChart", 0) >= 3);
        assertTrue(points(robot, "#accuracyChart", 1) >= 1);
        LineChart<?, ?> loss = node(robot, "#lossChart", LineChart.class);
        assertEquals("epoch", Fx.call(() -> loss.getXAxis().getLabel()));
        assertEquals("cross-entropy loss", Fx.call(() -> loss.getYAxis().getLabel()));
        // the epoch axis spans the whole run from the start (0-200, a tick every 20), not just the points so far
        NumberAxis epochs = (NumberAxis) loss.getXAxis();
        assertEquals(List.of(0.0, 200.0, 20.0), Fx.call(() -> List.of(epochs.getLowerBound(),
                epochs.getUpperBound(), epochs.getTickUnit())));

        // after an epoch the Draw tab classifies with that epoch's copy of the network
        Fx.waitUntil("the live network", 60, () -> window.studio().drawNetwork().live());
        assertTrue(Fx.call(() -> window.draw().networkNameProperty().get()).contains("(live)"));

        click(robot, "#pauseButton");
        Fx.waitUntil("paused", 10, () -> train().state() == RunState.PAUSED, this::runState);
        assertEquals("Resume", Fx.call(() -> node(robot, "#pauseButton", Button.class).getText()));
        // nothing changes while paused, so JavaFX has no frame to make: a timer that kept the pulse running (a
        // Timeline does, 60 times a second) would wake the FX thread and take CPU from training all along
        robot.moveTo(node(robot, "#lossChart", Node.class)); // off the button, whose tooltip would animate in
        pulsesWithin(700); // what the click and the move left to draw
        int pulses = pulsesWithin(1_500);
        assertTrue(pulses < 20, pulses + " pulses in 1.5 s while paused");
        click(robot, "#pauseButton");
        Fx.waitUntil("running again", 10, () -> train().state() == RunState.RUNNING, this::runState);

        click(robot, "#stopButton");
        Fx.waitUntil("Stop to be taken", 10, () -> train().state() != RunState.RUNNING, this::runState);
        Fx.waitUntil("the run to end", 60, () -> train().state() == RunState.FINISHED, this::runState);
        assertTrue(Fx.call(() -> train().statusTextProperty().get()).startsWith("Stopped"),
                Fx.call(() -> train().statusTextProperty().get()));
        assertFalse(Fx.call(() -> window.studio().drawNetwork().live()), "back to the model in use");
        assertFalse(disabled(robot, "#startButton"));
        assertTrue(disabled(robot, "#pauseButton") && disabled(robot, "#stopButton"));
        assertNotNull(Fx.call(() -> train().resultProperty().get()), "a stopped network can still be used or saved");
        assertTrue(points(robot, "#lossChart", 0) <= TrainViewModel.MAX_POINTS);
    }

    @Test
    void aCompletedRunIsTestedAndCanBeUsedInTheDrawTab(FxRobot robot) {
        Fx.run(() -> {
            train().presetProperty().set(Preset.MLP_SMALL);
            train().epochsProperty().set(1);
            train().trainingImagesProperty().set(2000);
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL); // Training > Start
        Fx.waitUntil("the run and its test to finish", 120, () -> train().state() == RunState.FINISHED
                && train().reportProperty().get() != null);
        ConfusionMatrixView matrix = node(robot, "#resultMatrix", ConfusionMatrixView.class);
        assertTrue(Fx.call(matrix::isVisible));
        int total = 0;
        for (int[] row : Fx.call(matrix::getMatrix)) {
            for (int n : row) {
                total += n;
            }
        }
        assertEquals(10_000, total, "the confusion matrix covers the test set");
        String result = Fx.call(() -> node(robot, "#resultLabel", Label.class).getText());
        assertTrue(result.startsWith("Test accuracy") && result.contains("%"), result);

        var trained = Fx.call(() -> train().resultProperty().get());
        click(robot, "#useButton");
        Fx.waitUntil("the new model in use", 10, () -> window.studio().model() == trained);
        assertSame(trained.network(), Fx.call(() -> window.studio().model().network()));
        assertTrue(Fx.call(() -> window.draw().networkNameProperty().get()).contains("trained in this session"));
    }

    @Test
    void closingTheWindowDuringTrainingStopsTheRunQuickly(FxRobot robot) {
        Fx.run(() -> {
            train().presetProperty().set(Preset.MLP_SMALL);
            train().epochsProperty().set(200);
            train().trainingImagesProperty().set(3000);
            train().start();
        });
        Fx.waitUntil("training to run", 60, () -> train().state() == RunState.RUNNING && train().recordsDrained() > 0);
        assertTrue(trainingThreadAlive(), "a training thread runs");
        long closed = System.nanoTime();
        Fx.run(() -> window.stage().fireEvent(new javafx.stage.WindowEvent(window.stage(),
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        Fx.waitUntil("the training thread to end", 20, () -> !trainingThreadAlive());
        double seconds = (System.nanoTime() - closed) / 1e9;
        assertTrue(window.studio().isShutDown());
        assertTrue(seconds < 20, "stopped after " + seconds + " s");
    }

    /**
     * Where a run stands, for a failure message: the view-model's state and status, how many records the
     * drain took, and what the training, timer and FX threads are doing.
     */
    private String runState() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("state ").append(Fx.call(() -> train().state()))
                    .append(", status '").append(Fx.call(() -> train().statusTextProperty().get()))
                    .append("', records drained ").append(Fx.call(() -> train().recordsDrained()))
                    .append(", waiting ").append(train().recordsWaiting())
                    .append(", message bar: ").append(Fx.call(() -> window.studio().messageProperty().get()));
        } catch (AssertionError fxBusy) {
            out.append("the FX thread did not answer: ").append(fxBusy.getMessage());
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (List.of("training", FxTimer.THREAD_NAME, "JavaFX Application Thread").contains(name)) {
                out.append("\n").append(name).append(" (").append(thread.getState()).append(")");
                for (int i = 0; i < Math.min(stack.length, 15); i++) {
                    out.append("\n    at ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    private static boolean trainingThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("training") && t.isAlive());
    }
}
