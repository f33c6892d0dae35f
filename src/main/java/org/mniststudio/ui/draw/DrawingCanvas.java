package org.mniststudio.ui.draw;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * The square drawing surface: white ink on black, like MNIST. It takes the largest square that fits (never
 * below 280x280), turns mouse drags into strokes of the {@link DrawViewModel} (consecutive mouse events are
 * joined by round-capped lines, so a fast stroke stays a line) and paints only the new segment on each event.
 */
public class DrawingCanvas extends Region {
    public static final double MIN_SIDE = 280;
    static final Color BACKGROUND = Color.rgb(10, 12, 20);
    static final Color INK = Color.WHITE;

    private final Canvas canvas = new Canvas(MIN_SIDE, MIN_SIDE);
    private DrawViewModel model;
    private int paintedStrokes;
    private int paintedPoints;
    private WritableImage snapshot;

    public DrawingCanvas() {
        getStyleClass().add("drawing-canvas");
        getChildren().add(canvas);
        setMinSize(MIN_SIDE, MIN_SIDE);
        setPrefSize(420, 420);
        canvas.setId("drawingSurface");
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        repaint();
    }

    /** Connects the canvas to its view-model: strokes go in, the picture follows the model's strokes. */
    public void setModel(DrawViewModel vm) {
        model = vm;
        vm.drawingVersionProperty().addListener((obs, o, n) -> paintChanges());
        repaint();
    }

    /** The drawing surface itself (for snapshots and tests). */
    public Canvas surface() {
        return canvas;
    }

    public double side() {
        return canvas.getWidth();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double side = Math.floor(Math.max(MIN_SIDE, Math.min(w, h)));
        if (side != canvas.getWidth()) {
            canvas.setWidth(side);
            canvas.setHeight(side);
            repaint();
        }
        canvas.relocate(snappedLeftInset() + Math.max(0, Math.floor((w - side) / 2)),
                snappedTopInset() + Math.max(0, Math.floor((h - side) / 2)));
    }

    /** The current picture as ARGB pixels, row-major, {@code side() x side()}. FX thread only. */
    public int[] snapshotArgb() {
        int side = (int) canvas.getWidth();
        if (snapshot == null || snapshot.getWidth() != side) {
            snapshot = new WritableImage(side, side);
        }
        canvas.snapshot(null, snapshot);
        int[] argb = new int[side * side];
        snapshot.getPixelReader().getPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
        return argb;
    }

    // ---------------------------------------------------------------- mouse

    private void pressed(MouseEvent e) {
        if (model == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        model.beginStroke(e.getX() / side(), e.getY() / side());
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (model == null || !model.isStroking()) {
            return;
        }
        model.extendStroke(e.getX() / side(), e.getY() / side());
        e.consume();
    }

    private void released(MouseEvent e) {
        if (model == null || !model.isStroking()) {
            return;
        }
        model.endStroke();
        e.consume();
    }

    // ---------------------------------------------------------------- painting

    private void paintChanges() {
        var strokes = model.strokes();
        if (strokes.size() < paintedStrokes || (strokes.size() == paintedStrokes && paintedStrokes > 0
                && strokes.get(paintedStrokes - 1).size() < paintedPoints)) {
            repaint(); // undo or clear
            return;
        }
        GraphicsContext g = prepare();
        int first = Math.max(0, paintedStrokes - 1);
        for (int s = first; s < strokes.size(); s++) {
            int from = s == paintedStrokes - 1 ? paintedPoints : 0;
            paintStroke(g, strokes.get(s), from);
        }
        remember(strokes);
    }

    private void repaint() {
        GraphicsContext g = prepare();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (model == null) {
            paintedStrokes = 0;
            paintedPoints = 0;
            return;
        }
        for (Stroke s : model.strokes()) {
            paintStroke(g, s, 0);
        }
        remember(model.strokes());
    }

    private void remember(java.util.List<Stroke> strokes) {
        paintedStrokes = strokes.size();
        paintedPoints = strokes.isEmpty() ? 0 : strokes.get(strokes.size() - 1).size();
    }

    private GraphicsContext prepare() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setStroke(INK);
        g.setFill(INK);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        return g;
    }

    /** Paints the segments of {@code s} that end at point {@code from} or later. */
    private void paintStroke(GraphicsContext g, Stroke s, int from) {
        double side = side();
        double width = s.width() * side;
        g.setLineWidth(width);
        if (s.size() == 1 && from == 0) {
            g.fillOval(s.x(0) * side - width / 2, s.y(0) * side - width / 2, width, width);
            return;
        }
        for (int i = Math.max(1, from); i < s.size(); i++) {
            g.strokeLine(s.x(i - 1) * side, s.y(i - 1) * side, s.x(i) * side, s.y(i) * side);
        }
    }
}
