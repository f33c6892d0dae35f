package org.mniststudio.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GrayImageTest {
    @Test
    void ofCopiesAndValidates() {
        float[] values = {0f, 0.25f, 0.5f, 1f, 1.5f, -0.5f};
        GrayImage image = GrayImage.of(3, 2, values);
        values[0] = 0.9f;

        assertEquals(0f, image.get(0, 0), "copied on the way in");
        assertEquals(1f, image.get(1, 1), "clamped into [0, 1]");
        assertEquals(0f, image.get(2, 1), "clamped into [0, 1]");
        assertThrows(IllegalArgumentException.class, () -> GrayImage.of(3, 3, values));
        assertThrows(IllegalArgumentException.class, () -> GrayImage.of(0, 2, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> GrayImage.of(1, 1, new float[] {Float.NaN}));
        assertThrows(IndexOutOfBoundsException.class, () -> image.get(3, 0));
    }

    @Test
    void fromArgbUsesLumaWeightsAndCompositesOverWhite() {
        int[] argb = {
            0xffff0000, 0xff00ff00, 0xff0000ff, 0xff000000,
            0xffffffff, 0x80000000, 0xff808080, 0xffffffff,
        };
        GrayImage image = GrayImage.fromArgb(4, 2, argb);

        assertEquals(0.299f, image.get(0, 0), 1e-3f);
        assertEquals(0.587f, image.get(1, 0), 1e-3f);
        assertEquals(0.114f, image.get(2, 0), 1e-3f);
        assertEquals(0f, image.get(3, 0), 1e-6f);
        assertEquals(1f - 128 / 255f, image.get(1, 1), 1e-3f, "half-transparent black over white");
        assertEquals(128 / 255f, image.get(2, 1), 1e-3f);
    }

    @Test
    void onTransparentBackgroundAlphaIsTheInkWhateverTheStrokeColour() {
        int transparent = 0x00000000;
        int[] blackStroke = new int[25];
        int[] whiteStroke = new int[25];
        java.util.Arrays.fill(blackStroke, transparent);
        java.util.Arrays.fill(whiteStroke, 0x00ffffff);
        blackStroke[12] = 0xff000000;
        whiteStroke[12] = 0xffffffff;
        blackStroke[13] = 0x80000000;
        whiteStroke[13] = 0x80ffffff;

        GrayImage black = GrayImage.fromArgb(5, 5, blackStroke);
        GrayImage white = GrayImage.fromArgb(5, 5, whiteStroke);

        assertEquals(1f, black.get(0, 0), "transparent background is white paper");
        assertEquals(0f, black.get(2, 2), "opaque stroke is black ink");
        assertEquals(1f - 128 / 255f, black.get(3, 2), 1e-6f, "half-opaque edge is half ink");
        assertArrayEquals(black.toArray(), white.toArray(), "white strokes read exactly like black ones");
    }

    @Test
    void greyImagesAreReadFromTheirSamplesNotBrightened() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 64);
        BufferedImage grey16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 0x8080);

        assertEquals(128 / 255f, GrayImage.fromBufferedImage(grey).get(0, 0), 1e-6f);
        assertEquals(64 / 255f, GrayImage.fromBufferedImage(grey).get(1, 0), 1e-6f);
        assertEquals(128 / 255f, GrayImage.fromBufferedImage(grey16).get(0, 0), 1e-6f);
    }
}
