package org.mniststudio.ui.draw;

import java.util.Arrays;

/**
 * One stroke of the pen: its points in canvas-relative coordinates (0..1 on both axes, so the drawing
 * survives a resize) and the pen width, also relative to the canvas side. Only the view-model appends points.
 */
public final class Stroke {
    private final double width;
    private double[] xs = new double[32];
    private double[] ys = new double[32];
    private int size;

    public Stroke(double width) {
        this.width = width;
    }

    void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** Pen width as a share of the canvas side. */
    public double width() {
        return width;
    }
}
