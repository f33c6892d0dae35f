package org.mniststudio.infer;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the network is given: a 28x28 MNIST-style image, row-major, ink = 1 and background = 0 (a white
 * digit on black), values in [0, 1]. {@code empty} means there was no digit to see; its pixels are all 0.
 *
 * <p>Immutable: the array is copied on the way in and on the way out.
 */
public record DigitInput(float[] pixels, boolean empty) {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    /** "Nothing drawn": a blank canvas, a blank photo, a stray dot. */
    public static final DigitInput NO_DIGIT = new DigitInput(new float[PIXELS], true);

    public DigitInput {
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != PIXELS) {
            throw new IllegalArgumentException("a digit has " + PIXELS + " pixels, got " + pixels.length);
        }
        pixels = pixels.clone();
        for (int i = 0; i < PIXELS; i++) {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f)) { // also refuses NaN
                throw new IllegalArgumentException("pixel " + i + " is " + pixels[i] + ", outside [0, 1]");
            }
        }
    }

    /** A digit (not empty) from 784 row-major values in [0, 1]. */
    public static DigitInput of(float[] pixels) {
        return new DigitInput(pixels, false);
    }

    /** A copy of the 784 values, row-major, ink = 1. */
    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    public boolean isDigit() {
        return !empty;
    }

    /** Ink at column {@code x}, row {@code y}, both 0..27. */
    public float get(int x, int y) {
        Objects.checkIndex(x, SIDE);
        Objects.checkIndex(y, SIDE);
        return pixels[y * SIDE + x];
    }

    /** The input as a picture, white ink on black as MNIST shows it, e.g. for "what the network sees". */
    public GrayImage toImage() {
        return GrayImage.of(SIDE, SIDE, pixels);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DigitInput that && empty == that.empty && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pixels) + Boolean.hashCode(empty);
    }

    @Override
    public String toString() {
        if (empty) {
            return "DigitInput[no digit]";
        }
        int ink = 0;
        for (float v : pixels) {
            if (v > 0f) {
                ink++;
            }
        }
        return "DigitInput[" + ink + " inked pixels of " + PIXELS + "]";
    }
}
