package org.mniststudio.infer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns any drawing or picture of a digit into the 28x28 input the network was trained on, the way MNIST
 * itself was made: the digit is cut out, scaled with anti-aliasing so that its longer side is 20 px
 * (keeping its aspect ratio) and placed in a 28x28 field with its centre of mass at the centre.
 *
 * <p>This is the only path from canvas or file to the network, so that a drawing and the same drawing
 * saved as a PNG are classified identically. The steps:
 * <ol>
 *   <li><b>Polarity</b>: the outermost ring of pixels is taken to be background. A light border means dark
 *       ink (paper, canvas); a dark border means light ink (MNIST, chalkboard). Both give the same result.</li>
 *   <li><b>Background removal</b>: the background level (median of the border) and its noise are
 *       subtracted, and the strongest ink is scaled to 1.</li>
 *   <li><b>Finding the ink</b>: the bounding box of the pixels above {@link #INK_THRESHOLD}, ignoring specks
 *       far smaller than the digit. Too little ink, or too little contrast, means {@link DigitInput#NO_DIGIT}.</li>
 *   <li><b>Scaling</b>: the box is resampled so its longer side is {@link #DIGIT_BOX} px: area averaging
 *       when shrinking (every source pixel counts, nothing aliases away), bilinear when enlarging.</li>
 *   <li><b>Centring</b>: the result is shifted by whole pixels so that its intensity-weighted centre of mass
 *       lands at the centre of the 28x28 field.</li>
 * </ol>
 *
 * <p>Stateless and therefore thread-safe: one instance can serve the canvas and a file import at once.
 */
public final class DigitPreprocessor {
    /** MNIST normalised each digit's longer side to 20 px inside the 28 px field. */
    public static final int DIGIT_BOX = 20;

    private static final int FIELD = DigitInput.SIDE;
    /**
     * Where the centre of mass goes, in pixel-index coordinates (pixel x is at x). Measured on the MNIST
     * training set, virtually every digit's centre of mass lies in [13.5, 14.5) on both axes: MNIST moved
     * it to the pixel nearest to (14, 14). Matching this exactly matters: the network has never seen a
     * digit one pixel off.
     */
    static final double FIELD_CENTRE = 14.0;

    /**
     * Least difference between background and the strongest ink (on the 0..1 luminance scale) for the image
     * to hold a digit at all. Faint pencil on paper still has ~0.3; a blank sheet photographed or saved as
     * JPEG varies by a few hundredths. Below this everything would be noise stretched to full contrast.
     */
    static final float MIN_CONTRAST = 0.2f;
    /**
     * Least ratio of that contrast to the background noise (estimated from the border). The strongest of
     * many noise pixels lies 4-5 sigma out, so real ink must stand clearly beyond that.
     */
    static final float MIN_CONTRAST_TO_NOISE = 8f;
    /**
     * Background noise up to this many sigmas is subtracted with the background, so grain on a photographed
     * sheet does not turn into a faint grey haze around the digit. Zero for clean drawings.
     */
    static final float NOISE_FLOOR_SIGMAS = 3f;
    /**
     * A pixel is ink when, after background removal, it has at least this fraction of the strongest ink.
     * Low enough to keep the faint end of anti-aliased strokes inside the box, high enough to leave out
     * shadows and residual noise.
     */
    static final float INK_THRESHOLD = 0.15f;
    /**
     * A connected blob of ink with fewer pixels than this fraction of the largest blob is a speck (dust, a
     * stray click) and does not count towards the bounding box. Separate strokes of real digits (the bar of
     * a 7, the top of a 5) are far larger than this.
     */
    static final float SPECK_FRACTION = 0.05f;
    /**
     * Least ink, as a fraction of the image area, for there to be a digit: 78 pixels on a 280x280 canvas.
     * A stray dot of a few pixels is not a digit, whereas even a thin 1 drawn small is well above this.
     */
    static final double MIN_INK_FRACTION = 0.001;
    /** Least ink in pixels whatever the image size, so that a 2x2 dot on a tiny image is not a digit. */
    static final int MIN_INK_PIXELS = 6;

    /** Median absolute deviation times this estimates the standard deviation of normal noise. */
    private static final float MAD_TO_SIGMA = 1.4826f;

    /** Reads an image file and prepares it. */
    public DigitInput process(Path file) throws ImageFileException {
        return process(ImageFiles.read(file));
    }

    /** Prepares a drawing or picture; {@link DigitInput#NO_DIGIT} if it holds no digit. */
    public DigitInput process(GrayImage image) {
        Objects.requireNonNull(image, "image");
        InkLevels ink = InkLevels.measure(image);
        if (ink == null) {
            return DigitInput.NO_DIGIT;
        }
        InkBox box = InkBox.find(ink, image.width(), image.height());
        long minInk = Math.max(MIN_INK_PIXELS, Math.round(MIN_INK_FRACTION * image.width() * image.height()));
        if (box == null || box.inkPixels < minInk) {
            return DigitInput.NO_DIGIT;
        }
        return centre(scaleToDigitBox(ink, box));
    }

    // ---------------------------------------------------------------- polarity and background

    /**
     * How to read ink from the image: ink = clamp((s - floor) * gain), where s is the luminance, inverted
     * when the background is light, so that ink is always the high side.
     */
    private record InkLevels(GrayImage image, boolean invert, float floor, float gain) {

        /** Null when there is not enough contrast for a digit. */
        static InkLevels measure(GrayImage image) {
            float[] border = borderRing(image);
            boolean invert = median(border.clone()) > 0.5f; // light border: the ink is the dark side
            if (invert) {
                for (int i = 0; i < border.length; i++) {
                    border[i] = 1f - border[i];
                }
            }
            float background = median(border.clone());
            for (int i = 0; i < border.length; i++) {
                border[i] = Math.abs(border[i] - background);
            }
            float noise = MAD_TO_SIGMA * median(border);

            float peak = 0f;
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    float v = image.get(x, y);
                    peak = Math.max(peak, invert ? 1f - v : v);
                }
            }
            float contrast = peak - background;
            if (contrast < MIN_CONTRAST || contrast < MIN_CONTRAST_TO_NOISE * noise) {
                return null;
            }
            float floor = background + NOISE_FLOOR_SIGMAS * noise;
            // peak - floor >= contrast * (1 - 3/8) >= 0.125, so this never divides by ~0; max() is belt and braces.
            float gain = 1f / Math.max(peak - floor, 1e-6f);
            return new InkLevels(image, invert, floor, gain);
        }

        /** Ink at (x, y): 0 = background, 1 = the strongest ink. */
        float at(int x, int y) {
            float v = image.get(x, y);
            float s = invert ? 1f - v : v;
            return GrayImage.clamp01((s - floor) * gain);
        }

        /** Ink of {@code count} pixels of row {@code y} from column {@code x0}. */
        void row(int x0, int y, int count, float[] out) {
            for (int i = 0; i < count; i++) {
                out[i] = at(x0 + i, y);
            }
        }
    }

    /** The outermost ring of pixels (all pixels of an image one or two pixels thin). */
    private static float[] borderRing(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] ring = new float[w * h - Math.max(0, w - 2) * Math.max(0, h - 2)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            if (y == 0 || y == h - 1) {
                for (int x = 0; x < w; x++) {
                    ring[n++] = image.get(x, y);
                }
            } else {
                ring[n++] = image.get(0, y);
                if (w > 1) {
                    ring[n++] = image.get(w - 1, y);
                }
            }
        }
        return ring;
    }

    /** Median, sorting {@code values} in place; the mean of the middle two for an even count. */
    private static float median(float[] values) {
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2f;
    }

    // ---------------------------------------------------------------- finding the ink

    /** Bounding box of the digit's ink and how many ink pixels it rests on. */
    private record InkBox(int x0, int y0, int width, int height, long inkPixels) {

        /**
         * Labels the connected blobs (8-neighbourhood) of ink pixels and boxes all but the specks. Blobs are
         * built from horizontal runs, so memory grows with the number of runs, not with the image area.
         */
        static InkBox find(InkLevels ink, int width, int height) {
            Runs runs = new Runs();
            float[] row = new float[width];
            int previousFirst = 0;
            for (int y = 0; y < height; y++) {
                ink.row(0, y, width, row);
                int currentFirst = runs.size();
                int candidate = previousFirst; // runs of the row above, scanned left to right once
                int x = 0;
                while (x < width) {
                    if (row[x] <= INK_THRESHOLD) {
                        x++;
                        continue;
                    }
                    int start = x;
                    while (x < width && row[x] > INK_THRESHOLD) {
                        x++;
                    }
                    int run = runs.add(y, start, x);
                    // Above-row runs ending left of this one's diagonal neighbour can touch no later run.
                    while (candidate < currentFirst && runs.end(candidate) < start) {
                        candidate++;
                    }
                    for (int other = candidate; other < currentFirst && runs.start(other) <= x; other++) {
                        runs.union(run, other); // columns overlap or touch diagonally
                    }
                }
                previousFirst = currentFirst;
            }
            return runs.isEmpty() ? null : runs.boxWithoutSpecks();
        }
    }

    /** Horizontal runs of ink [start, end) with a union-find over them, one entry per run. */
    private static final class Runs {
        private int[] ys = new int[64];
        private int[] starts = new int[64];
        private int[] ends = new int[64];
        private int[] parents = new int[64];
        private int size;

        int add(int y, int start, int end) {
            if (size == ys.length) {
                int capacity = Math.multiplyExact(size, 2);
                ys = Arrays.copyOf(ys, capacity);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
                parents = Arrays.copyOf(parents, capacity);
            }
            ys[size] = y;
            starts[size] = start;
            ends[size] = end;
            parents[size] = size;
            return size++;
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int start(int run) {
            return starts[run];
        }

        int end(int run) {
            return ends[run];
        }

        int root(int run) {
            while (parents[run] != run) {
                parents[run] = parents[parents[run]]; // path halving
                run = parents[run];
            }
            return run;
        }

        void union(int a, int b) {
            int rootA = root(a);
            int rootB = root(b);
            if (rootA != rootB) {
                parents[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
            }
        }

        InkBox boxWithoutSpecks() {
            long[] blobPixels = new long[size]; // indexed by root run
            long largest = 0;
            for (int run = 0; run < size; run++) {
                int root = root(run);
                blobPixels[root] += ends[run] - starts[run];
                largest = Math.max(largest, blobPixels[root]);
            }
            double speck = SPECK_FRACTION * largest;
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = Integer.MIN_VALUE;
            int y1 = Integer.MIN_VALUE;
            long inkPixels = 0;
            for (int run = 0; run < size; run++) {
                if (blobPixels[root(run)] < speck) {
                    continue;
                }
                x0 = Math.min(x0, starts[run]);
                x1 = Math.max(x1, ends[run]);
                y0 = Math.min(y0, ys[run]);
                y1 = Math.max(y1, ys[run] + 1);
                inkPixels += ends[run] - starts[run];
            }
            return new InkBox(x0, y0, x1 - x0, y1 - y0, inkPixels);
        }
    }

    // ---------------------------------------------------------------- scaling

    /** A small row-major image: the digit scaled into the 20 px box, before centring. */
    private record Patch(int width, int height, float[] values) {
    }

    /**
     * Resamples the box so that its longer side becomes {@link #DIGIT_BOX} and the other keeps the aspect
     * ratio (a thin 1 stays thin). Separable: rows first, which shrinks a large box early.
     */
    private static Patch scaleToDigitBox(InkLevels ink, InkBox box) {
        int longer = Math.max(box.width, box.height);
        int width = scaledSide(box.width, longer);
        int height = scaledSide(box.height, longer);

        float[] sourceRow = new float[box.width];
        float[] rowsScaled = new float[box.height * width];
        for (int y = 0; y < box.height; y++) {
            ink.row(box.x0, box.y0 + y, box.width, sourceRow);
            resample(sourceRow, 0, 1, box.width, rowsScaled, y * width, 1, width);
        }
        float[] values = new float[height * width];
        for (int x = 0; x < width; x++) {
            resample(rowsScaled, x, width, box.height, values, x, width, height);
        }

        // Shrinking a thin stroke a lot averages it down to a faint grey; MNIST strokes are full strength,
        // so the strongest ink is brought back to 1.
        float max = 0f;
        for (float v : values) {
            max = Math.max(max, v);
        }
        if (max > 0f && max < 1f) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= max;
            }
        }
        return new Patch(width, height, values);
    }

    private static int scaledSide(int side, int longer) {
        if (side == longer) {
            return DIGIT_BOX;
        }
        return Math.max(1, Math.min(DIGIT_BOX, Math.round(side * (float) DIGIT_BOX / longer)));
    }

    /**
     * Resamples {@code n} values (read with a stride) to {@code m} values (written with a stride): the exact
     * area average over each output pixel's footprint when shrinking, bilinear interpolation between pixel
     * centres when enlarging.
     */
    static void resample(float[] src, int srcOffset, int srcStride, int n,
                         float[] dst, int dstOffset, int dstStride, int m) {
        double scale = (double) n / m; // source pixels per output pixel
        if (m <= n) {
            for (int i = 0; i < m; i++) {
                double lo = i * scale;
                double hi = (i + 1) * scale;
                int last = Math.min(n, (int) Math.ceil(hi));
                double sum = 0;
                for (int j = (int) lo; j < last; j++) {
                    double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                    sum += src[srcOffset + j * srcStride] * overlap;
                }
                dst[dstOffset + i * dstStride] = (float) (sum / scale);
            }
        } else {
            for (int i = 0; i < m; i++) {
                double position = Math.max(0, Math.min(n - 1, (i + 0.5) * scale - 0.5));
                int j = (int) position;
                int next = Math.min(j + 1, n - 1);
                double t = position - j;
                double value = src[srcOffset + j * srcStride] * (1 - t) + src[srcOffset + next * srcStride] * t;
                dst[dstOffset + i * dstStride] = (float) value;
            }
        }
    }

    // ---------------------------------------------------------------- centring

    /**
     * Places the patch in the 28x28 field so that its centre of mass is at {@link #FIELD_CENTRE}, shifting by
     * whole pixels (no resampling blur), and never so far that part of the digit would fall off the field.
     */
    private static DigitInput centre(Patch patch) {
        double mass = 0;
        double momentX = 0;
        double momentY = 0;
        for (int y = 0; y < patch.height; y++) {
            for (int x = 0; x < patch.width; x++) {
                float v = patch.values[y * patch.width + x];
                mass += v;
                momentX += v * x;
                momentY += v * y;
            }
        }
        if (mass <= 0) {
            return DigitInput.NO_DIGIT;
        }
        int left = shift(momentX / mass, FIELD - patch.width);
        int top = shift(momentY / mass, FIELD - patch.height);

        float[] field = new float[DigitInput.PIXELS];
        for (int y = 0; y < patch.height; y++) {
            for (int x = 0; x < patch.width; x++) {
                field[(top + y) * FIELD + left + x] = GrayImage.clamp01(patch.values[y * patch.width + x]);
            }
        }
        return DigitInput.of(field);
    }

    /**
     * The whole-pixel shift that puts the centre of mass {@code at} into [13.5, 14.5), like MNIST (so a tie
     * at exactly 0.5 rounds down), limited to [0, maxShift] so the patch stays inside the field.
     */
    private static int shift(double at, int maxShift) {
        long wanted = (long) Math.ceil(FIELD_CENTRE - 0.5 - at);
        return (int) Math.max(0, Math.min(maxShift, wanted));
    }
}
