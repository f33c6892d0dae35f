package org.mniststudio.infer;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable grey image: luminance in [0, 1] per pixel, 0 = black, 1 = white, row-major.
 *
 * <p>This is the common currency between the drawing canvas, image files and {@link DigitPreprocessor}:
 * whatever the source, it is reduced to "how light is each pixel", and the preprocessor decides from the
 * image itself which side is ink.
 */
public final class GrayImage {
    /** Below this alpha (of 255) a border pixel counts as transparent: half-transparent is the midpoint. */
    private static final int TRANSPARENT_ALPHA = 128;

    private final int width;
    private final int height;
    private final float[] luminance;

    private GrayImage(int width, int height, float[] luminance) {
        this.width = width;
        this.height = height;
        this.luminance = luminance;
    }

    /**
     * An image from row-major luminance values (copied). Values are clamped into [0, 1] so that rounding
     * noise from a caller (1.0000001) is harmless; NaN is refused because it has no meaning as a colour.
     */
    public static GrayImage of(int width, int height, float[] luminance) {
        Objects.requireNonNull(luminance, "luminance");
        int size = checkedSize(width, height);
        if (luminance.length != size) {
            throw new IllegalArgumentException("a " + width + " x " + height + " image needs " + size
                    + " luminance values, got " + luminance.length);
        }
        float[] copy = new float[size];
        for (int i = 0; i < size; i++) {
            float v = luminance[i];
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("luminance value " + i + " is NaN");
            }
            copy[i] = clamp01(v);
        }
        return new GrayImage(width, height, copy);
    }

    /** A uniform image, e.g. a blank canvas. */
    public static GrayImage filled(int width, int height, float luminance) {
        if (Float.isNaN(luminance)) {
            throw new IllegalArgumentException("luminance is NaN");
        }
        float[] values = new float[checkedSize(width, height)];
        Arrays.fill(values, clamp01(luminance));
        return new GrayImage(width, height, values);
    }

    /**
     * An image from row-major ARGB pixels (as {@link BufferedImage#getRGB} returns them).
     *
     * <p>Transparency is resolved in one of two ways, decided once for the whole image:
     * <ul>
     *   <li>If the border is mostly transparent, the picture is strokes on a transparent background (a
     *       typical exported drawing): the alpha channel <em>is</em> the ink, whatever colour the strokes
     *       were painted in, so black and white strokes both become dark ink on white.</li>
     *   <li>Otherwise each pixel is composited over white, as a viewer would show it.</li>
     * </ul>
     */
    public static GrayImage fromArgb(int width, int height, int[] argb) {
        Objects.requireNonNull(argb, "argb");
        int size = checkedSize(width, height);
        if (argb.length != size) {
            throw new IllegalArgumentException("a " + width + " x " + height + " image needs " + size
                    + " ARGB values, got " + argb.length);
        }
        return fromArgbRows(width, height, (x, y, count, out) -> System.arraycopy(argb, y * width + x, out, 0, count));
    }

    /**
     * An image from a decoded {@link BufferedImage}. Grey images are read from their samples directly:
     * {@code getRGB} would treat the grey values as linear light and brighten the mid-tones (128 -> 188),
     * which would make a grey PNG read back differently from how it was written.
     */
    public static GrayImage fromBufferedImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int width = image.getWidth();
        int height = image.getHeight();
        checkedSize(width, height);
        Raster raster = image.getRaster();
        if (isIntegerGrey(image)) {
            boolean hasAlpha = raster.getNumBands() == 2;
            float greyMax = maxSample(raster, 0);
            float alphaMax = hasAlpha ? maxSample(raster, 1) : 1f;
            int[] greys = new int[width];
            int[] alphas = new int[width];
            return fromArgbRows(width, height, (x0, y, count, out) -> {
                raster.getSamples(x0, y, count, 1, 0, greys);
                if (hasAlpha) {
                    raster.getSamples(x0, y, count, 1, 1, alphas);
                }
                for (int i = 0; i < count; i++) {
                    int g = Math.round(greys[i] / greyMax * 255f);
                    int a = hasAlpha ? Math.round(alphas[i] / alphaMax * 255f) : 255;
                    out[i] = a << 24 | g << 16 | g << 8 | g;
                }
            });
        }
        // Everything else (RGB, palette, CMYK...) goes through the colour model's own sRGB conversion.
        return fromArgbRows(width, height, (x0, y, count, out) -> image.getRGB(x0, y, count, 1, out, 0, width));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Luminance at column {@code x}, row {@code y}: 0 = black, 1 = white. */
    public float get(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        return luminance[y * width + x];
    }

    /** A copy of all values, row-major. */
    public float[] toArray() {
        return luminance.clone();
    }

    /** Opaque grey ARGB pixels, row-major, e.g. for showing the image. */
    public int[] toArgb() {
        int[] argb = new int[luminance.length];
        for (int i = 0; i < argb.length; i++) {
            int g = Math.round(luminance[i] * 255f);
            argb[i] = 0xff000000 | g << 16 | g << 8 | g;
        }
        return argb;
    }

    @Override
    public String toString() {
        return "GrayImage[" + width + " x " + height + "]";
    }

    /** Source of ARGB pixels: fills {@code out[0..count)} with row {@code y} from column {@code x}. */
    private interface ArgbRows {
        void read(int x, int y, int count, int[] out);
    }

    /**
     * Converts row by row, so a large decoded image never needs a second full-size int[] next to it.
     * The border is read first, to decide how transparency is to be understood.
     */
    private static GrayImage fromArgbRows(int width, int height, ArgbRows rows) {
        int[] row = new int[width];
        boolean alphaIsInk = isBorderMostlyTransparent(width, height, rows, row);
        float[] values = new float[width * height];
        for (int y = 0; y < height; y++) {
            rows.read(0, y, width, row);
            int offset = y * width;
            for (int x = 0; x < width; x++) {
                values[offset + x] = luminanceOf(row[x], alphaIsInk);
            }
        }
        return new GrayImage(width, height, values);
    }

    private static boolean isBorderMostlyTransparent(int width, int height, ArgbRows rows, int[] row) {
        int transparent = 0;
        int total = 0;
        for (int y = 0; y < height; y++) {
            if (y == 0 || y == height - 1) {
                rows.read(0, y, width, row);
                transparent += countTransparent(row, width);
                total += width;
            } else {
                rows.read(0, y, 1, row);
                transparent += countTransparent(row, 1);
                rows.read(width - 1, y, 1, row);
                transparent += countTransparent(row, 1);
                total += 2;
            }
        }
        return transparent * 2 > total;
    }

    private static int countTransparent(int[] argb, int count) {
        int transparent = 0;
        for (int i = 0; i < count; i++) {
            if (argb[i] >>> 24 < TRANSPARENT_ALPHA) {
                transparent++;
            }
        }
        return transparent;
    }

    private static float luminanceOf(int argb, boolean alphaIsInk) {
        float alpha = (argb >>> 24) / 255f;
        if (alphaIsInk) {
            return 1f - alpha; // opaque stroke = black ink, transparent = white paper
        }
        float r = (argb >> 16 & 0xff) / 255f;
        float g = (argb >> 8 & 0xff) / 255f;
        float b = (argb & 0xff) / 255f;
        // ITU-R BT.601 luma weights, the usual ones for 8-bit sRGB pixels.
        float luma = 0.299f * r + 0.587f * g + 0.114f * b;
        return clamp01(alpha * luma + (1f - alpha)); // composite over white
    }

    /** Grey (optionally with alpha) stored as 8- or 16-bit integer samples, as PNG, JPEG and BMP decode. */
    private static boolean isIntegerGrey(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int dataType = raster.getDataBuffer().getDataType();
        return model instanceof ComponentColorModel
                && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && raster.getNumBands() == (model.hasAlpha() ? 2 : 1)
                && (dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT)
                && !model.isAlphaPremultiplied();
    }

    private static float maxSample(Raster raster, int band) {
        return (1 << raster.getSampleModel().getSampleSize(band)) - 1;
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
        long size = (long) width * height;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image too large: " + width + " x " + height);
        }
        return (int) size;
    }

    static float clamp01(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }
}
