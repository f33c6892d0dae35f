package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Misclassification;
import org.mniststudio.ui.common.DigitView;
import org.mniststudio.ui.common.ProbabilityBars;
import org.mniststudio.ui.mistakes.MistakesViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Drives the Mistakes tab of the real window: the grid of wrong test images and the confusion matrix. */
@ExtendWith(ApplicationExtension.class)
class MistakesTabTest {
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
    void evaluated(FxRobot robot) {
        Fx.waitUntil("the start model to load", 60, () -> window.studio().model() != null);
        Fx.dismissMessage(window);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        Fx.waitUntil("the evaluation", 120,
                () -> window.mistakes().stateProperty().get() == MistakesViewModel.State.READY);
    }

    private List<Label> captions(FxRobot robot) {
        return Fx.call(() -> List.copyOf(robot.lookup(".mistake-caption").queryAllAs(Label.class)));
    }

    @Test
    void theGridShowsTheMisclassifiedImages(FxRobot robot) {
        EvaluationReport report = Fx.call(() -> window.mistakes().reportProperty().get());
        assertTrue(report.errors() > 100, "the small test model gets hundreds wrong: " + report.errors());
        String header = Fx.call(() -> robot.lookup(".mistakes-header").queryAs(Label.class).getText());
        assertTrue(Pattern.matches("[\\d,]+ of 10,000 misclassified \\(\\d+\\.\\d\\d %\\)", header), header);
        assertTrue(header.startsWith(String.format(java.util.Locale.ROOT, "%,d of", report.errors())), header);

        Fx.waitUntil("tiles in the grid", 20, () -> !robot.lookup(".mistake-tile").queryAll().isEmpty());
        int tiles = Fx.call(() -> robot.lookup(".mistake-tile").queryAll().size());
        assertTrue(tiles > 0 && tiles < report.errors(), "only the visible rows are built: " + tiles);
        Label first = Fx.call(() -> captions(robot).get(0));
        assertTrue(Fx.call(first::getText).matches("true \\d \u2192 \\d \\(\\d+ %\\)"), Fx.call(first::getText));
        DigitView image = Fx.call(() -> (DigitView) first.getParent().getChildrenUnmodifiable().get(0));
        assertNotNull(Fx.call(image::getPixels), "the tile shows its test image");

        // most confident first
        List<Misclassification> shown = Fx.call(() -> List.copyOf(window.mistakes().visible()));
        assertTrue(shown.get(0).confidence() >= shown.get(shown.size() - 1).confidence());
    }

    @Test
    void clickingTheConfusionMatrixFiltersTheGrid(FxRobot robot) {
        int[][] confusion = Fx.call(() -> window.mistakes().reportProperty().get().confusion());
        int bestT = 0;
        int bestP = 1;
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                if (t != p && confusion[t][p] > confusion[bestT][bestP]) {
                    bestT = t;
                    bestP = p;
                }
            }
        }
        int expected = confusion[bestT][bestP];
        robot.clickOn("#cm-" + bestT + "-" + bestP);
        int t = bestT;
        int p = bestP;
        Fx.waitUntil("the filtered grid", 10, () -> window.mistakes().visible().size() == expected);
        for (Misclassification m : Fx.call(() -> List.copyOf(window.mistakes().visible()))) {
            assertEquals(t, m.trueLabel());
            assertEquals(p, m.predicted());
        }
        Fx.waitUntil("the tiles of the pair", 10, () -> captions(robot).stream()
                .allMatch(l -> l.getText().startsWith("true " + t + " \u2192 " + p + " ")));
        String filter = Fx.call(() -> robot.lookup("#filterLabel").queryAs(Label.class).getText());
        assertTrue(filter.contains("true " + t + " taken for " + p), filter);

        // a row header filters by the true digit
        int rowTotal = 0;
        for (int q = 0; q < 10; q++) {
            rowTotal += q == t ? 0 : confusion[t][q];
        }
        int row = rowTotal;
        robot.clickOn("#cm-true-" + t);
        Fx.waitUntil("the true-digit filter", 10, () -> window.mistakes().visible().size() == row);

        robot.clickOn("#showAllButton");
        int all = Fx.call(() -> window.mistakes().reportProperty().get().errors());
        Fx.waitUntil("all mistakes again", 10, () -> window.mistakes().visible().size() == all);
    }

    @Test
    void aSelectedImageIsShownLargeAndOpensInTheDrawTab(FxRobot robot) {
        Fx.waitUntil("tiles in the grid", 20, () -> !robot.lookup(".mistake-tile").queryAll().isEmpty());
        Node tile = Fx.node(robot, ".mistake-tile", Node.class);
        robot.clickOn(tile);
        Fx.waitUntil("a selection", 10, () -> window.mistakes().selectedProperty().get() != null);
        Misclassification m = Fx.call(() -> window.mistakes().selectedProperty().get());
        assertNotNull(Fx.call(() -> robot.lookup("#selectedImage").queryAs(DigitView.class).getPixels()));
        float[] bars = Fx.call(() -> robot.lookup("#selectedBars").queryAs(ProbabilityBars.class).getProbabilities());
        assertEquals(m.confidence(), bars[m.predicted()], 1e-6);
        String caption = Fx.call(() -> robot.lookup("#selectedLabel").queryAs(Label.class).getText());
        assertTrue(caption.contains("#" + m.index()), caption);

        robot.clickOn("#openInDrawButton");
        Fx.waitUntil("the Draw tab", 10, () -> window.view().tabs().getSelectionModel().getSelectedIndex() == 0);
        Fx.waitUntil("the image's prediction", 30, () -> window.draw().prediction() != null);
        assertTrue(Fx.call(() -> window.draw().sourceProperty().get()).contains("#" + m.index()));
        assertFalse(Fx.call(() -> window.draw().topDigitProperty().get()).isEmpty());
    }
}
