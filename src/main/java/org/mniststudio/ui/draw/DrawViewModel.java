package org.mniststudio.ui.draw;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mniststudio.infer.DigitInput;
import org.mniststudio.infer.DigitPreprocessor;
import org.mniststudio.infer.GrayImage;
import org.mniststudio.infer.ImageFiles;
import org.mniststudio.infer.Prediction;
import org.mniststudio.ui.StudioModel;
import org.mniststudio.ui.StudioModel.DrawNetwork;
import org.mniststudio.ui.common.Format;
import org.mniststudio.ui.common.LatestWinsExecutor;

/**
 * The Draw tab without its nodes: the strokes, the pen, and what the network makes of the drawing (or of an
 * opened image). Everything a picture goes through runs on one background thread, newest request wins:
 * picture -> {@link GrayImage} -> {@link DigitPreprocessor} -> classifier, the same path as image files and
 * the command line. Properties change on the FX thread only.
 */
public final class DrawViewModel {
    /** Pen widths are given in pixels of a canvas of this side. */
    public static final double REFERENCE_SIDE = 280;
    public static final double DEFAULT_PEN = 20;
    public static final double MIN_PEN = 6;
    public static final double MAX_PEN = 40;
    static final String DRAWING = "your drawing";

    private final StudioModel studio;
    private final DigitPreprocessor preprocessor = new DigitPreprocessor();
    private final LatestWinsExecutor worker = new LatestWinsExecutor("draw-classifier");

    private final ObservableList<Stroke> strokes = FXCollections.observableArrayList();
    private final ObservableList<Stroke> strokesView = FXCollections.unmodifiableObservableList(strokes);
    private final ReadOnlyLongWrapper drawingVersion = new ReadOnlyLongWrapper(this, "drawingVersion");
    private final DoubleProperty penWidth = new SimpleDoubleProperty(this, "penWidth", DEFAULT_PEN);
    private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");
    private final ReadOnlyObjectWrapper<DigitInput> networkInput = new ReadOnlyObjectWrapper<>(this, "networkInput",
            DigitInput.NO_DIGIT);
    private final ReadOnlyStringWrapper topDigit = new ReadOnlyStringWrapper(this, "topDigit", "");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "Draw a digit");
    private final ReadOnlyBooleanWrapper notSure = new ReadOnlyBooleanWrapper(this, "notSure");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", DRAWING);
    private final ReadOnlyBooleanWrapper showingImage = new ReadOnlyBooleanWrapper(this, "showingImage");
    private final ReadOnlyStringWrapper networkName = new ReadOnlyStringWrapper(this, "networkName");
    private final BooleanBinding hasDrawing = Bindings.isNotEmpty(strokes);
    private final BooleanBinding canClear = hasDrawing.or(showingImage);
    private final ReadOnlyBooleanWrapper classifying = new ReadOnlyBooleanWrapper(this, "classifying");

    private Stroke current;
    private long requested;
    private long applied;
    private long clearedAt;
    private DigitInput lastInput = DigitInput.NO_DIGIT;
    private String lastSource = DRAWING;

    public DrawViewModel(StudioModel studio) {
        this.studio = studio;
        networkName.bind(Bindings.createStringBinding(() -> {
            DrawNetwork n = studio.drawNetwork();
            return n == null ? studio.modelDescriptionProperty().get() : n.description();
        }, studio.drawNetworkProperty(), studio.modelDescriptionProperty()));
        // A new network (another model, or the next epoch of a run): classify what is shown again.
        studio.drawNetworkProperty().addListener((obs, old, now) -> {
            if (lastInput.isDigit()) {
                DigitInput input = lastInput;
                submit(() -> input, lastSource);
            }
        });
        studio.onShutdown(worker::close);
    }

    // ---------------------------------------------------------------- strokes

    public ObservableList<Stroke> strokes() {
        return strokesView;
    }

    /** Changes whenever a stroke is added, extended or removed: the canvas redraws, the view re-classifies. */
    public ReadOnlyLongProperty drawingVersionProperty() {
        return drawingVersion.getReadOnlyProperty();
    }

    public DoubleProperty penWidthProperty() {
        return penWidth;
    }

    /** Starts a stroke at (x, y), both 0..1 of the canvas side. */
    public void beginStroke(double x, double y) {
        if (showingImage.get()) {
            showingImage.set(false);
            resetPrediction();
        }
        current = new Stroke(penWidth.get() / REFERENCE_SIDE);
        current.add(clamp(x), clamp(y));
        strokes.add(current);
        source.set(DRAWING);
        drawingVersion.set(drawingVersion.get() + 1);
    }

    public void extendStroke(double x, double y) {
        if (current == null) {
            return;
        }
        current.add(clamp(x), clamp(y));
        drawingVersion.set(drawingVersion.get() + 1);
    }

    public void endStroke() {
        current = null;
    }

    /** Whether a stroke is being drawn right now. */
    public boolean isStroking() {
        return current != null;
    }

    public void undo() {
        if (strokes.isEmpty()) {
            return;
        }
        current = null;
        strokes.remove(strokes.size() - 1);
        drawingVersion.set(drawingVersion.get() + 1);
        if (strokes.isEmpty()) {
            resetPrediction();
        }
    }

    /** Empties the canvas and forgets the prediction (and any image shown). */
    public void clear() {
        current = null;
        strokes.clear();
        showingImage.set(false);
        source.set(DRAWING);
        drawingVersion.set(drawingVersion.get() + 1);
        resetPrediction();
    }

    private void resetPrediction() {
        clearedAt = requested;
        lastInput = DigitInput.NO_DIGIT;
        prediction.set(null);
        networkInput.set(DigitInput.NO_DIGIT);
        topDigit.set("");
        notSure.set(false);
        verdict.set("Draw a digit");
        classifying.set(false);
    }

    public BooleanBinding hasDrawingBinding() {
        return hasDrawing;
    }

    public boolean hasDrawing() {
        return hasDrawing.get();
    }

    public BooleanBinding canUndoBinding() {
        return hasDrawing;
    }

    public BooleanBinding canClearBinding() {
        return canClear;
    }

    // ---------------------------------------------------------------- classification

    /** Classifies a snapshot of the canvas (ARGB pixels, any polarity). Returns at once. */
    public void classifyDrawing(int[] argb, int width, int height) {
        if (strokes.isEmpty()) {
            return;
        }
        submit(() -> preprocessor.process(GrayImage.fromArgb(width, height, argb)), DRAWING);
    }

    /** Opens an image file: it replaces the drawing and is shown in the 28x28 view with its bars. */
    public void openImage(Path file) {
        showImage(() -> preprocessor.process(ImageFiles.read(file)), file.getFileName().toString());
    }

    /** Shows a 28x28 image (ink = 1), e.g. a test image from the Mistakes tab, as if opened from a file. */
    public void showDigit(float[] pixels, String name) {
        float[] copy = pixels.clone();
        showImage(() -> preprocessor.process(GrayImage.of(DigitInput.SIDE, DigitInput.SIDE, copy)), name);
    }

    private void showImage(Callable<DigitInput> prepare, String name) {
        current = null;
        strokes.clear();
        drawingVersion.set(drawingVersion.get() + 1);
        resetPrediction();
        showingImage.set(true);
        source.set(name);
        verdict.set("Reading " + name + "...");
        submit(prepare, name);
    }

    private void submit(Callable<DigitInput> prepare, String from) {
        long seq = ++requested;
        DrawNetwork network = studio.drawNetwork();
        classifying.set(true);
        worker.submit(() -> {
            DigitInput input = null;
            Prediction result = null;
            String error = null;
            try {
                input = prepare.call();
                if (input.isDigit() && network != null) {
                    result = network.classifier().classify(input);
                }
            } catch (Exception | OutOfMemoryError e) {
                error = Format.message(e);
            }
            DigitInput in = input;
            Prediction p = result;
            String err = error;
            Platform.runLater(() -> apply(seq, in, p, network, from, err));
        });
    }

    private void apply(long seq, DigitInput input, Prediction p, DrawNetwork network, String from, String error) {
        if (seq <= applied || seq <= clearedAt) {
            return;
        }
        applied = seq;
        classifying.set(seq < requested);
        if (error != null) {
            studio.showError(error);
            if (showingImage.get()) {
                showingImage.set(false);
                source.set(DRAWING);
                verdict.set("Draw a digit");
            }
            return;
        }
        lastInput = input;
        lastSource = from;
        networkInput.set(input);
        prediction.set(p);
        if (!input.isDigit()) {
            topDigit.set("");
            notSure.set(false);
            verdict.set(from.equals(DRAWING) ? "Not a digit yet: keep drawing" : "No digit found in " + from);
        } else if (p == null) {
            topDigit.set("");
            notSure.set(false);
            verdict.set(network == null ? "No model loaded" : "");
        } else {
            topDigit.set(Integer.toString(p.digit()));
            notSure.set(!p.isConfident());
            verdict.set(p.isConfident()
                    ? String.format(Locale.ROOT, "%.1f %% sure", p.confidence() * 100)
                    : String.format(Locale.ROOT, "Not sure: %d at %.0f %%, maybe %d", p.digit(),
                            p.confidence() * 100, secondBest(p)));
        }
    }

    private static int secondBest(Prediction p) {
        float[] probabilities = p.probabilities();
        int second = -1;
        for (int d = 0; d < probabilities.length; d++) {
            if (d != p.digit() && (second < 0 || probabilities[d] > probabilities[second])) {
                second = d;
            }
        }
        return second;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    // ---------------------------------------------------------------- saving

    /** Saves the canvas picture (as the view snapshots it) as a PNG, in the background. */
    public void saveDrawing(int[] argb, int width, int height, Path file) {
        GrayImage image = GrayImage.fromArgb(width, height, argb);
        studio.background(() -> {
            ImageFiles.writePng(image, file);
            return file;
        }, saved -> studio.showInfo("Saved the drawing as " + saved));
    }

    // ---------------------------------------------------------------- read-only state

    /** The newest prediction; null when nothing is drawn (or no model is loaded). */
    public ReadOnlyObjectProperty<Prediction> predictionProperty() {
        return prediction.getReadOnlyProperty();
    }

    public Prediction prediction() {
        return prediction.get();
    }

    /** The 28x28 image the network was given. */
    public ReadOnlyObjectProperty<DigitInput> networkInputProperty() {
        return networkInput.getReadOnlyProperty();
    }

    /** The winning digit as text, "" when there is no prediction. */
    public ReadOnlyStringProperty topDigitProperty() {
        return topDigit.getReadOnlyProperty();
    }

    /** "97.3 % sure", "Not sure: 7 at 41 %, maybe 1", "Draw a digit", ... */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** True when the top probability is low ({@link Prediction#isConfident()} is false). */
    public ReadOnlyBooleanProperty notSureProperty() {
        return notSure.getReadOnlyProperty();
    }

    /** "your drawing" or the name of the image shown. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty showingImageProperty() {
        return showingImage.getReadOnlyProperty();
    }

    /** The network the bars come from: the model in use, or the live copy of a run. */
    public ReadOnlyStringProperty networkNameProperty() {
        return networkName.getReadOnlyProperty();
    }

    /** True while a newer picture than the one shown is being classified. */
    public ReadOnlyBooleanProperty classifyingProperty() {
        return classifying.getReadOnlyProperty();
    }
}
