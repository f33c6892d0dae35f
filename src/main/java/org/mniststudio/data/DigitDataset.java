package org.mniststudio.data;

import java.util.Arrays;

/**
 * A set of labelled 28x28 grey images held in memory as one float array scaled to [0,1], so training
 * never decodes or normalises per batch. Immutable: accessors copy.
 */
public final class DigitDataset {
    public static final int PIXELS = MnistIdxReader.PIXELS;

    private final String name;
    private final float[] pixels;
    private final byte[] labels;

    private DigitDataset(String name, float[] pixels, byte[] labels) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Builds a data set from raw IDX bytes (0-255), scaling each pixel to [0,1]. */
    public static DigitDataset fromIdx(String name, MnistIdxReader.Images images, byte[] labels,
                                       String imageFile, String labelFile) throws DatasetException {
        if (images.count() != labels.length) {
            throw new DatasetException(imageFile + " holds " + images.count() + " images but " + labelFile
                    + " holds " + labels.length + " labels");
        }
        byte[] raw = images.pixels();
        float[] scaled = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            scaled[i] = (raw[i] & 0xff) / 255f;
        }
        return new DigitDataset(name, scaled, labels.clone());
    }

    /** For tests and synthetic data: pixels already in [0,1], {@code labels.length * 784} long. */
    public static DigitDataset of(String name, float[] pixels, int[] labels) {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels must be labels.length * 784 long");
        }
        byte[] l = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new IllegalArgumentException("label out of range 0-9: " + labels[i]);
            }
            l[i] = (byte) labels[i];
        }
        return new DigitDataset(name, pixels.clone(), l);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Copies image {@code index} (784 floats) into {@code target} at {@code offset}. */
    public void copyImage(int index, float[] target, int offset) {
        System.arraycopy(pixels, index * PIXELS, target, offset, PIXELS);
    }

    public float[] image(int index) {
        return Arrays.copyOfRange(pixels, index * PIXELS, (index + 1) * PIXELS);
    }

    /** The images at the given indices, in that order. */
    public DigitDataset subset(String subsetName, int[] indices) {
        float[] p = new float[indices.length * PIXELS];
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * PIXELS, p, i * PIXELS, PIXELS);
            l[i] = labels[indices[i]];
        }
        return new DigitDataset(subsetName, p, l);
    }

    /** The first {@code count} images (or all, if fewer). */
    public DigitDataset head(int count) {
        int n = Math.min(count, size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return subset(name, idx);
    }

    /** How many images carry each label 0-9. */
    public int[] labelCounts() {
        int[] counts = new int[10];
        for (byte b : labels) {
            counts[b]++;
        }
        return counts;
    }
}
