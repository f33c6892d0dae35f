package org.mniststudio.ui.common;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A 28x28 image enlarged with visible pixels, white ink on black as the network sees it. Keeps its square
 * shape; the preferred side is set with {@link #setSide(double)}.
 */
public class DigitView extends Region {
    private static final int SIDE = 28;
    private final Canvas canvas = new Canvas();
    private float[] pixels;
    private double side = 196;
    private boolean grid = true;

    public DigitView() {
        getStyleClass().add("digit-view");
        getChildren().add(canvas);
        setMinSize(56, 56);
    }

    public DigitView(double side) {
        this();
        setSide(side);
    }

    public final void setSide(double value) {
        side = value;
        setPrefSize(value, value);
        requestLayout();
    }

    public double getSide() {
        return side;
    }

    /** Whether thin lines separate the pixels (only drawn when the pixels are large enough). */
    public void setGrid(boolean value) {
        grid = value;
        draw();
    }

    /** 784 values in [0,1], ink = 1; null shows an empty field. */
    public void setPixels(float[] values) {
        pixels = values == null ? null : values.clone();
        draw();
    }

    public float[] getPixels() {
        return pixels == null ? null : pixels.clone();
    }

    @Override
    protected double computePrefWidth(double height) {
        return side + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return side + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double s = Math.floor(Math.min(w, h) / SIDE) * SIDE;
        if (s < SIDE) {
            s = Math.max(1, Math.min(w, h));
        }
        if (canvas.getWidth() != s) {
            canvas.setWidth(s);
            canvas.setHeight(s);
        }
        canvas.relocate(snappedLeftInset() + Math.floor((w - s) / 2), snappedTopInset() + Math.floor((h - s) / 2));
        draw();
    }

    private void draw() {
        double s = canvas.getWidth();
        if (s <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.rgb(10, 12, 20));
        g.fillRect(0, 0, s, s);
        double cell = s / SIDE;
        if (pixels != null) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    float v = pixels[y * SIDE + x];
                    if (v > 0.004f) {
                        g.setFill(Color.gray(Math.min(1, v)));
                        g.fillRect(x * cell, y * cell, cell, cell);
                    }
                }
            }
        }
        if (grid && cell >= 5) {
            g.setStroke(Color.rgb(60, 64, 80, 0.55));
            g.setLineWidth(1);
            for (int i = 1; i < SIDE; i++) {
                double p = Math.round(i * cell) + 0.5;
                g.strokeLine(p, 0, p, s);
                g.strokeLine(0, p, s, p);
            }
        }
    }
}
