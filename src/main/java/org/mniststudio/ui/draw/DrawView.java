package org.mniststudio.ui.draw;

import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.util.Duration;
import org.mniststudio.infer.DigitInput;
import org.mniststudio.infer.Prediction;
import org.mniststudio.ui.common.DigitView;
import org.mniststudio.ui.common.ProbabilityBars;
import org.mniststudio.ui.common.Throttle;

/** Controller of Draw.fxml: binds the nodes to {@link DrawViewModel} and throttles the canvas snapshots. */
public final class DrawView {
    /** While drawing, the canvas is classified at most this often; on release, at once. */
    static final Duration PREDICT_INTERVAL = Duration.millis(80);
    private static final PseudoClass NOT_SURE = PseudoClass.getPseudoClass("not-sure");

    private final DrawViewModel model;
    private Throttle throttle;

    @FXML private DrawingCanvas canvas;
    @FXML private Label canvasHint;
    @FXML private Slider penSlider;
    @FXML private Label penLabel;
    @FXML private Button undoButton;
    @FXML private Button clearButton;
    @FXML private Label topDigit;
    @FXML private Label verdict;
    @FXML private Label sourceLabel;
    @FXML private Label networkLabel;
    @FXML private ProbabilityBars drawBars;
    @FXML private DigitView networkView;

    public DrawView(DrawViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        canvas.setModel(model);
        throttle = new Throttle(PREDICT_INTERVAL, this::classifyCanvas);
        model.drawingVersionProperty().addListener((obs, o, n) -> {
            if (model.hasDrawing()) {
                throttle.request();
            } else {
                throttle.cancel();
            }
        });
        canvas.surface().addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (model.hasDrawing()) {
                throttle.flush();
            }
        });
        canvasHint.visibleProperty().bind(model.canClearBinding().not());

        penSlider.setMin(DrawViewModel.MIN_PEN);
        penSlider.setMax(DrawViewModel.MAX_PEN);
        penSlider.valueProperty().bindBidirectional(model.penWidthProperty());
        penLabel.textProperty().bind(model.penWidthProperty().asString(Locale.ROOT, "%.0f px"));
        undoButton.disableProperty().bind(model.canUndoBinding().not());
        clearButton.disableProperty().bind(model.canClearBinding().not());

        topDigit.textProperty().bind(model.topDigitProperty());
        verdict.textProperty().bind(model.verdictProperty());
        sourceLabel.textProperty().bind(model.sourceProperty().map(s -> "Input: " + s));
        networkLabel.textProperty().bind(model.networkNameProperty().map(s -> "Model: " + s));
        model.notSureProperty().addListener((obs, o, n) -> {
            topDigit.pseudoClassStateChanged(NOT_SURE, n);
            verdict.pseudoClassStateChanged(NOT_SURE, n);
        });
        model.predictionProperty().addListener((obs, o, p) -> showPrediction(p));
        model.networkInputProperty().addListener((obs, o, input) -> networkView.setPixels(
                input == null || !input.isDigit() ? null : input.pixels()));
        showPrediction(model.prediction());
    }

    private void showPrediction(Prediction p) {
        drawBars.setProbabilities(p == null ? null : p.probabilities());
    }

    private void classifyCanvas() {
        if (!model.hasDrawing()) {
            return;
        }
        int side = (int) canvas.side();
        model.classifyDrawing(canvas.snapshotArgb(), side, side);
    }

    // ---------------------------------------------------------------- actions (buttons and menu)

    @FXML
    public void undo() {
        model.undo();
    }

    @FXML
    public void clear() {
        throttle.cancel();
        model.clear();
    }

    /** The canvas picture for "Save drawing as PNG": ARGB pixels and the side. */
    public int[] snapshot() {
        return canvas.snapshotArgb();
    }

    public int side() {
        return (int) canvas.side();
    }

    /** What the network sees right now (for tests and the screenshot script). */
    public DigitInput networkInput() {
        return model.networkInputProperty().get();
    }
}
