package org.mniststudio.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitPreprocessorTest {
    /** Whole-pixel shifts put the centre of mass at most half a pixel from (14, 14); plus rounding slack. */
    private static final double HALF_PIXEL = 0.5 + 1e-6;

    private final DigitPreprocessor preprocessor = new DigitPreprocessor();

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ size and centring

    @Test
    void offCentreSmallDigitIsScaledTo20PxAndCentredByMass() {
        // a 6 x 30 px bar of dark ink near the top-left corner of a 200 x 200 sheet
        GrayImage sheet = drawing(200, 200, Color.WHITE, Color.BLACK, g -> g.fillRect(10, 10, 6, 30));

        DigitInput digit = preprocessor.process(sheet);

        assertTrue(digit.isDigit());
        Extent extent = Extent.of(digit);
        assertEquals(20, extent.rows(), 1, "ink rows");
        assertEquals(4, extent.columns(), 1, "ink columns: 6 x 30 keeps its aspect ratio");
        double[] mass = centreOfMass(digit);
        assertEquals(14.0, mass[0], HALF_PIXEL, "centre of mass x");
        assertEquals(14.0, mass[1], HALF_PIXEL, "centre of mass y");
    }

    @Test
    void lopsidedShapeIsCentredByItsMassNotItsBox() {
        // an L: heavy upright on the left, so the centre of mass is well left of the box centre
        GrayImage sheet = drawing(300, 200, Color.WHITE, Color.BLACK, g -> {
            g.fillRect(200, 40, 6, 40);
            g.fillRect(200, 74, 30, 6);
        });

        DigitInput digit = preprocessor.process(sheet);

        double[] mass = centreOfMass(digit);
        assertEquals(14.0, mass[0], HALF_PIXEL, "centre of mass x");
        assertEquals(14.0, mass[1], HALF_PIXEL, "centre of mass y");
        Extent extent = Extent.of(digit);
        double boxCentreX = extent.minX() + extent.columns() / 2.0;
        assertTrue(boxCentreX > 16, "the box is pushed right of the centre, its centre is at " + boxCentreX);
    }

    @Test
    void wideFlatShapeKeepsItsAspectRatio() {
        GrayImage sheet = drawing(280, 280, Color.WHITE, Color.BLACK, g -> g.fillRect(40, 200, 120, 10));

        DigitInput digit = preprocessor.process(sheet);

        Extent extent = Extent.of(digit);
        assertEquals(20, extent.columns(), 1, "the longer side becomes 20 px");
        assertTrue(extent.rows() >= 1 && extent.rows() <= 3, "a 12:1 bar stays flat, got " + extent.rows() + " rows");
    }

    @Test
    void thinOneStaysThin() {
        GrayImage sheet = drawing(280, 280, Color.WHITE, Color.BLACK, g -> g.fillRect(130, 60, 10, 160));

        DigitInput digit = preprocessor.process(sheet);

        Extent extent = Extent.of(digit);
        assertEquals(20, extent.rows(), 1);
        assertTrue(extent.columns() <= 2, "a 1 of 10 x 160 px must not widen, got " + extent.columns() + " columns");
    }

    @Test
    void tinyInputIsEnlargedTo20Px() {
        // a 28 x 28 image holding a 4 x 7 px blob: bilinear enlargement
        GrayImage small = drawing(28, 28, Color.BLACK, Color.WHITE, g -> g.fillRect(3, 4, 4, 7));

        DigitInput digit = preprocessor.process(small);

        Extent extent = Extent.of(digit);
        assertEquals(20, extent.rows(), 1);
        assertEquals(11, extent.columns(), 1);
    }

    @Test
    void mnistDigitsEnlargedAndInvertedComeBackAsThemselves() throws IOException {
        // The strongest check that this is "the way MNIST was made": a test digit, drawn 10x larger in dark
        // ink on white, must come out as the original 28x28 digit, in size, position and grey levels.
        float[][] digits = firstMnistTestDigits(50);
        int scale = 10;
        int side = 28 * scale;
        for (int i = 0; i < digits.length; i++) {
            float[] sheet = new float[side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    sheet[y * side + x] = 1f - digits[i][(y / scale) * 28 + x / scale];
                }
            }

            float[] result = preprocessor.process(GrayImage.of(side, side, sheet)).pixels();

            double error = 0;
            for (int p = 0; p < 784; p++) {
                error += Math.abs(result[p] - digits[i][p]);
            }
            assertTrue(error / 784 < 0.005, "MNIST test digit " + i + " differs by " + error / 784 + " per pixel");
        }
    }

    // ------------------------------------------------------------------ no digit

    @Test
    void blankWhiteSheetIsNoDigit() {
        assertSame(DigitInput.NO_DIGIT, preprocessor.process(GrayImage.filled(280, 280, 1f)));
    }

    @Test
    void blankBlackSheetIsNoDigit() {
        assertSame(DigitInput.NO_DIGIT, preprocessor.process(GrayImage.filled(280, 280, 0f)));
    }

    @Test
    void noisyNearUniformImagesAreNoDigit() {
        Random random = new Random(42);
        int size = 200 * 200;
        float[] grain = new float[size];
        float[] jpegLike = new float[size];
        for (int i = 0; i < size; i++) {
            grain[i] = (float) (0.85 + 0.03 * random.nextGaussian()); // photographed paper
            jpegLike[i] = 0.2f + (random.nextInt(9) - 4) / 255f; // a dark flat area saved as JPEG
        }

        assertSame(DigitInput.NO_DIGIT, preprocessor.process(GrayImage.of(200, 200, grain)));
        assertSame(DigitInput.NO_DIGIT, preprocessor.process(GrayImage.of(200, 200, jpegLike)));
    }

    @Test
    void faintSmudgeIsNoDigit() {
        // a large, clean, but barely darker patch: too little contrast to be ink
        GrayImage smudge = drawing(280, 280, Color.WHITE, new Color(235, 235, 235), g -> g.fillOval(60, 50, 120, 170));

        assertSame(DigitInput.NO_DIGIT, preprocessor.process(smudge));
    }

    @Test
    void singleTinyDotIsNoDigit() {
        GrayImage dot = drawing(280, 280, Color.WHITE, Color.BLACK, g -> g.fillRect(150, 90, 3, 3));

        assertSame(DigitInput.NO_DIGIT, preprocessor.process(dot));
    }

    @Test
    void digitOnGrainyPaperIsStillFound() {
        Random random = new Random(7);
        GrayImage clean = drawing(200, 200, Color.WHITE, Color.BLACK, g -> g.fillRect(80, 40, 12, 100));
        float[] noisy = clean.toArray();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.03 * random.nextGaussian());
        }

        DigitInput digit = preprocessor.process(GrayImage.of(200, 200, noisy));

        assertTrue(digit.isDigit());
        assertEquals(20, Extent.of(digit).rows(), 1);
    }

    @Test
    void straySpeckDoesNotMoveOrShrinkTheDigit() {
        Consumer<Graphics2D> seven = g -> {
            g.fillRect(60, 50, 90, 14);
            g.fillRect(136, 50, 14, 170);
        };
        GrayImage alone = drawing(280, 280, Color.WHITE, Color.BLACK, seven);
        Consumer<Graphics2D> sevenAndSpeck = seven.andThen(g -> g.fillRect(12, 260, 4, 4));
        GrayImage withSpeck = drawing(280, 280, Color.WHITE, Color.BLACK, sevenAndSpeck);

        assertArrayEquals(preprocessor.process(alone).pixels(), preprocessor.process(withSpeck).pixels(), 1e-6f);
    }

    // ------------------------------------------------------------------ polarity, range, transparency

    @Test
    void inversePolarityGivesTheSameInput() {
        GrayImage darkOnLight = drawing(240, 240, Color.WHITE, Color.BLACK, DigitPreprocessorTest::antiAliasedTwo);
        float[] inverted = darkOnLight.toArray();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = 1f - inverted[i];
        }
        GrayImage lightOnDark = GrayImage.of(240, 240, inverted);

        DigitInput a = preprocessor.process(darkOnLight);
        DigitInput b = preprocessor.process(lightOnDark);

        assertTrue(a.isDigit());
        assertArrayEquals(a.pixels(), b.pixels(), 1e-4f);
    }

    @Test
    void outputIs784ValuesInUnitRangeWithFullStrengthInk() {
        List<GrayImage> inputs = List.of(
                drawing(240, 240, Color.WHITE, Color.BLACK, DigitPreprocessorTest::antiAliasedTwo),
                drawing(240, 240, Color.BLACK, Color.WHITE, DigitPreprocessorTest::antiAliasedTwo),
                drawing(90, 400, new Color(200, 190, 180), new Color(40, 40, 90), g -> {
                    g.scale(0.35, 1.5); // a tall narrow 2 in blue ink on beige
                    antiAliasedTwo(g);
                }),
                drawing(28, 28, Color.WHITE, Color.BLACK, g -> g.fillRect(10, 5, 3, 18)));
        for (GrayImage input : inputs) {
            float[] pixels = preprocessor.process(input).pixels();
            assertEquals(784, pixels.length);
            float max = 0;
            for (float v : pixels) {
                assertTrue(v >= 0f && v <= 1f, "value " + v + " outside [0, 1] for " + input);
                max = Math.max(max, v);
            }
            assertEquals(1f, max, 1e-6f, "strongest ink for " + input);
        }
    }

    @Test
    void strokesOnTransparentBackgroundReadLikeTheOpaqueDrawing() throws IOException {
        Path opaque = writePng("opaque.png", BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK);
        Color transparent = new Color(0, 0, 0, 0);
        Path blackStrokes = writePng("black-strokes.png", BufferedImage.TYPE_INT_ARGB, transparent, Color.BLACK);
        Path whiteStrokes = writePng("white-strokes.png", BufferedImage.TYPE_INT_ARGB, transparent, Color.WHITE);

        DigitInput expected = preprocessor.process(opaque);

        assertTrue(expected.isDigit());
        assertArrayEquals(expected.pixels(), preprocessor.process(blackStrokes).pixels(), 1e-4f);
        assertArrayEquals(expected.pixels(), preprocessor.process(whiteStrokes).pixels(), 1e-4f);
    }

    // ------------------------------------------------------------------ helpers

    /** A 2-ish figure with anti-aliased curved strokes, scaled to the canvas. */
    private static void antiAliasedTwo(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawArc(60, 40, 110, 100, -30, 210);
        g.drawLine(160, 120, 70, 200);
        g.drawLine(70, 200, 175, 200);
    }

    private static BufferedImage picture(int width, int height, int type, Color background, Color ink,
                                         Consumer<Graphics2D> painter) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src); // a transparent background really is transparent
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.setColor(ink);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static GrayImage drawing(int width, int height, Color background, Color ink, Consumer<Graphics2D> painter) {
        BufferedImage image = picture(width, height, BufferedImage.TYPE_INT_RGB, background, ink, painter);
        return GrayImage.fromBufferedImage(image);
    }

    /** The same hard-edged strokes (a 4-like figure) on the given background, saved as PNG. */
    private Path writePng(String name, int type, Color background, Color ink) throws IOException {
        BufferedImage image = picture(160, 160, type, background, ink, g -> {
            g.setStroke(new BasicStroke(8f));
            g.drawLine(90, 20, 40, 100);
            g.drawLine(40, 100, 120, 100);
            g.drawLine(100, 60, 100, 140);
        });
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    /** The first {@code count} digits of the MNIST test set that ships with the project, ink = 1. */
    private static float[][] firstMnistTestDigits(int count) throws IOException {
        Path file = Path.of("assets", "mnist", "t10k-images-idx3-ubyte.gz");
        assertTrue(Files.isRegularFile(file), "MNIST test images expected at " + file.toAbsolutePath());
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(16); // magic, count, rows, columns
            float[][] digits = new float[count][784];
            for (float[] digit : digits) {
                for (int p = 0; p < 784; p++) {
                    digit[p] = in.readUnsignedByte() / 255f;
                }
            }
            return digits;
        }
    }

    /** Intensity-weighted centre of mass in pixel-index coordinates, as MNIST was centred. */
    static double[] centreOfMass(DigitInput digit) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double v = digit.get(x, y);
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        assertTrue(mass > 0, "no ink");
        return new double[] {sumX / mass, sumY / mass};
    }

    /** Columns and rows spanned by pixels with visible ink (> 0.1). */
    record Extent(int minX, int minY, int columns, int rows) {
        static Extent of(DigitInput digit) {
            int minX = 28;
            int minY = 28;
            int maxX = -1;
            int maxY = -1;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    if (digit.get(x, y) > 0.1f) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            assertFalse(maxX < 0, "no ink");
            return new Extent(minX, minY, maxX - minX + 1, maxY - minY + 1);
        }
    }
}
