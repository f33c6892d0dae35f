package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.infer.GrayImage;
import org.mniststudio.infer.ImageFiles;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.ui.common.DigitView;
import org.mniststudio.ui.common.ProbabilityBars;
import org.mniststudio.ui.draw.DrawingCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.robot.Motion;

/** Drives the Draw tab of the real window with the mouse and keyboard (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
class DrawTabTest {
    private static final double PREDICTION_TIMEOUT = 30;
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
    void modelLoaded() {
        Fx.waitUntil("the start model to load", 60, () -> window.studio().model() != null);
        Fx.dismissMessage(window);
    }

    // ---------------------------------------------------------------- helpers

    private DrawingCanvas canvas(FxRobot robot) {
        return Fx.node(robot, ".drawing-canvas", DrawingCanvas.class);
    }

    /** A point of the drawing surface in screen coordinates; x and y are shares of its side. */
    private Point2D at(FxRobot robot, double x, double y) {
        DrawingCanvas c = canvas(robot);
        return Fx.call(() -> c.surface().localToScreen(x * c.side(), y * c.side()));
    }

    private void stroke(FxRobot robot, double[][] points) {
        DrawingCanvas c = canvas(robot);
        Point2D[] screen = Fx.call(() -> {
            Point2D[] s = new Point2D[points.length];
            for (int i = 0; i < points.length; i++) {
                s[i] = c.surface().localToScreen(points[i][0] * c.side(), points[i][1] * c.side());
            }
            return s;
        });
        robot.moveTo(screen[0], Motion.DIRECT);
        robot.press(MouseButton.PRIMARY);
        for (int i = 1; i < screen.length; i++) {
            robot.moveTo(screen[i], Motion.DIRECT);
        }
        robot.release(MouseButton.PRIMARY);
    }

    private void verticalStroke(FxRobot robot) {
        // a drag with the robot: press, move in steps, release
        robot.drag(at(robot, 0.5, 0.2), MouseButton.PRIMARY).moveTo(at(robot, 0.5, 0.8)).drop();
    }

    private void closedLoop(FxRobot robot) {
        int n = 18; // the canvas joins the points with straight segments
        double[][] points = new double[n + 2][];
        for (int i = 0; i <= n + 1; i++) {
            double a = 2 * Math.PI * i / n - Math.PI / 2;
            points[i] = new double[] {0.5 + 0.2 * Math.cos(a), 0.5 + 0.3 * Math.sin(a)};
        }
        stroke(robot, points);
    }

    private String topDigit(FxRobot robot) {
        Label label = Fx.node(robot, ".top-digit", Label.class);
        return Fx.call(label::getText);
    }

    private float[] bars(FxRobot robot) {
        ProbabilityBars bars = Fx.node(robot, "#drawBars", ProbabilityBars.class);
        return Fx.call(bars::getProbabilities);
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** How many pixels of the canvas picture are ink (bright). */
    private int inkPixels(FxRobot robot) {
        DrawingCanvas c = canvas(robot);
        int[] argb = Fx.call(c::snapshotArgb);
        int ink = 0;
        for (int p : argb) {
            if ((p & 0xff) > 128) {
                ink++;
            }
        }
        return ink;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theWindowOpensOnTheDrawTabWithTheModelNamed(FxRobot robot) {
        assertTrue(Fx.call(() -> window.stage().getTitle()).startsWith("MNIST Studio"));
        assertEquals("Draw", Fx.call(() -> window.view().tabs().getSelectionModel().getSelectedItem().getText()));
        String name = Fx.call(() -> window.draw().networkNameProperty().get());
        assertTrue(name.contains("MLP 784-50-50-10") && name.contains("% test accuracy"), name);
        DrawingCanvas c = canvas(robot);
        assertTrue(Fx.call(c::side) >= 280, "canvas side " + Fx.call(c::side));
        assertEquals("", topDigit(robot), "an empty canvas shows no prediction");
        assertNull(bars(robot));
    }

    @Test
    void aVerticalStrokeIsAOne(FxRobot robot) {
        verticalStroke(robot);
        Fx.waitUntil("a prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        assertEquals("1", topDigit(robot), "verdict: " + Fx.call(() -> window.draw().verdictProperty().get()));
        float[] p = bars(robot);
        assertNotNull(p);
        assertEquals(1, argMax(p), "the bars' winner");
        DigitView seen = Fx.node(robot, "#networkView", DigitView.class);
        float[] pixels = Fx.call(seen::getPixels);
        assertNotNull(pixels, "the 28x28 view shows what the network sees");
        // a vertical bar: ink in the middle column, none at the left and right edges
        assertTrue(pixels[14 * 28 + 14] > 0.5f || pixels[14 * 28 + 13] > 0.5f, "ink at the centre");
        assertEquals(0f, pixels[14 * 28 + 2], 1e-6);
    }

    @Test
    void aClosedLoopIsAZero(FxRobot robot) {
        closedLoop(robot);
        Fx.waitUntil("a prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        assertEquals("0", topDigit(robot), "verdict: " + Fx.call(() -> window.draw().verdictProperty().get()));
        assertEquals(0, argMax(bars(robot)));
    }

    @Test
    void aFastStrokeIsALineNotDots(FxRobot robot) {
        // only two mouse events, far apart: the canvas must join them
        stroke(robot, new double[][] {{0.2, 0.5}, {0.8, 0.5}});
        DrawingCanvas c = canvas(robot);
        int[] argb = Fx.call(c::snapshotArgb);
        int side = (int) Fx.call(c::side).doubleValue();
        int row = side / 2;
        for (double x = 0.25; x <= 0.75; x += 0.05) {
            int px = argb[row * side + (int) (x * side)];
            assertTrue((px & 0xff) > 200, "no ink at x=" + x + " of the stroke");
        }
    }

    @Test
    void clearRemovesTheDrawingAndThePrediction(FxRobot robot) {
        verticalStroke(robot);
        Fx.waitUntil("a prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        robot.type(KeyCode.ESCAPE);
        Fx.waitUntil("the prediction to go", 10, () -> window.draw().prediction() == null);
        assertEquals("", topDigit(robot));
        assertNull(bars(robot));
        assertEquals(0, inkPixels(robot), "the canvas is empty");
        assertNull(Fx.call(() -> robot.lookup("#networkView").queryAs(DigitView.class).getPixels()));

        // the Clear button and the Delete key do the same
        verticalStroke(robot);
        Fx.waitUntil("a prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        robot.clickOn("Clear");
        Fx.waitUntil("the prediction to go", 10, () -> window.draw().prediction() == null);
        verticalStroke(robot);
        Fx.waitUntil("a prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        robot.type(KeyCode.DELETE);
        Fx.waitUntil("the prediction to go", 10, () -> window.draw().prediction() == null);
        assertEquals(0, inkPixels(robot));
    }

    @Test
    void undoTakesBackTheLastStroke(FxRobot robot) {
        verticalStroke(robot);
        Fx.waitUntil("a prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        int oneStroke = inkPixels(robot);
        stroke(robot, new double[][] {{0.2, 0.5}, {0.4, 0.5}, {0.6, 0.5}, {0.8, 0.5}});
        assertEquals(2, Fx.call(() -> window.draw().strokes().size()));
        assertTrue(inkPixels(robot) > oneStroke);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        Fx.waitUntil("one stroke left", 10, () -> window.draw().strokes().size() == 1);
        // (repainted at once rather than segment by segment: anti-aliased edges may differ by a few pixels)
        assertEquals(oneStroke, inkPixels(robot), oneStroke * 0.01, "the picture is the first stroke again");
        Fx.waitUntil("the prediction of the first stroke again", PREDICTION_TIMEOUT,
                () -> "1".equals(window.draw().topDigitProperty().get()));

        robot.clickOn("Undo");
        Fx.waitUntil("no strokes", 10, () -> window.draw().strokes().isEmpty());
        Fx.waitUntil("no prediction", 10, () -> window.draw().prediction() == null);
        assertEquals(0, inkPixels(robot));
    }

    @Test
    void anImageFileIsClassifiedLikeADrawing(FxRobot robot, @TempDir Path dir) throws Exception {
        // black ink on white paper this time: the preprocessing handles either polarity
        int w = 200;
        int h = 200;
        float[] lum = new float[w * h];
        java.util.Arrays.fill(lum, 1f);
        for (int y = 40; y < 160; y++) {
            for (int x = 94; x < 106; x++) {
                lum[y * w + x] = 0f;
            }
        }
        Path png = dir.resolve("one.png");
        ImageFiles.writePng(GrayImage.of(w, h, lum), png);
        Fx.run(() -> window.draw().openImage(png));
        Fx.waitUntil("the file's prediction", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        assertEquals("1", topDigit(robot));
        assertEquals("one.png", Fx.call(() -> window.draw().sourceProperty().get()));
        assertNotNull(Fx.call(() -> robot.lookup("#networkView").queryAs(DigitView.class).getPixels()));
    }

    @Test
    void aBadModelFileGivesAnErrorAndTheOldModelStays(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainedModel before = Fx.call(() -> window.studio().model());
        String description = Fx.call(() -> window.studio().modelDescriptionProperty().get());
        Path bad = TestModels.badModelFile(dir);

        Fx.run(() -> window.main().openModel(bad));
        Fx.waitUntil("the error message", 30, () -> window.studio().messageProperty().get() != null
                && !window.studio().loadingModelProperty().get());
        Message message = Fx.call(() -> window.studio().messageProperty().get());
        assertTrue(message.isError());
        assertTrue(message.text().contains("broken-model.zip"), message.text());
        assertFalse(message.text().contains("Exception") || message.text().contains("\tat "),
                "a message for a person, not a stack trace: " + message.text());
        Label shown = Fx.node(robot, ".message-text", Label.class);
        assertTrue(Fx.call(shown::isVisible));
        assertEquals(message.text(), Fx.call(shown::getText));

        assertSame(before, Fx.call(() -> window.studio().model()), "the old model stays in use");
        assertEquals(description, Fx.call(() -> window.studio().modelDescriptionProperty().get()));
        verticalStroke(robot);
        Fx.waitUntil("a prediction with the old model", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        assertEquals("1", topDigit(robot));

        robot.clickOn("Dismiss");
        Fx.waitUntil("the message to go", 10, () -> window.studio().messageProperty().get() == null);
    }

    private static boolean messageShown(FxRobot robot) {
        return Fx.call(() -> robot.lookup(".message-bar").query().isVisible());
    }

    @Test
    void anInformationMessageGoesAwayByItselfAndAnErrorStays(FxRobot robot) throws InterruptedException {
        Fx.run(() -> window.studio().showInfo("Opened model.zip"));
        assertTrue(messageShown(robot));
        Thread.sleep(5_000); // the first message's 8 s are still running when the second replaces it
        long replaced = System.nanoTime();
        Fx.run(() -> window.studio().showInfo("Saved the drawing to digit.png"));
        Fx.waitUntil("the information message to go", 20, () -> !messageShown(robot));
        double seconds = (System.nanoTime() - replaced) / 1e9;
        // a timer left over from the first message would have hidden the second after about 3 s
        assertTrue(seconds > 7.5, "the second message was hidden after " + seconds + " s, not 8");
        assertNull(Fx.call(() -> window.studio().messageProperty().get()));

        Fx.run(() -> window.studio().showError("Cannot read broken.zip: not a model file"));
        Thread.sleep(9_000); // longer than an information message stays; what is asserted is what stays shown
        assertTrue(messageShown(robot), "an error stays until it is dismissed");
    }

    @Test
    void aBugOnTheFxThreadIsShownInTheMessageBarAndTheWindowGoesOn(FxRobot robot) {
        Platform.runLater(() -> {
            throw new IllegalStateException("a fault left in on purpose");
        });
        Fx.waitUntil("the error message", 10, () -> window.studio().messageProperty().get() != null
                && window.studio().messageProperty().get().isError());
        Message message = Fx.call(() -> window.studio().messageProperty().get());
        assertTrue(message.text().contains("a fault left in on purpose"), message.text());
        assertFalse(message.text().contains("Exception") || message.text().contains("\tat "),
                "a message for a person, not a stack trace: " + message.text());
        assertTrue(messageShown(robot));
        verticalStroke(robot);
        Fx.waitUntil("a prediction after the fault", PREDICTION_TIMEOUT, () -> window.draw().prediction() != null);
        assertEquals("1", topDigit(robot));
    }
}
