package org.mniststudio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;

class DigitAugmenterTest {
    @Test
    void changesTheImageButKeepsItsInkAndRange() throws IOException {
        DigitAugmenter augmenter = DigitAugmenter.standard();
        Random random = new Random(1);
        float[] scratch = new float[784];
        int changed = 0;
        for (int i = 0; i < 200; i++) {
            float[] image = TestData.training().image(i);
            float[] out = new float[784];
            augmenter.augment(image, 0, out, 0, scratch, random);
            double inkIn = 0;
            double inkOut = 0;
            double diff = 0;
            for (int j = 0; j < 784; j++) {
                assertTrue(out[j] >= 0 && out[j] <= 1, "value out of range: " + out[j]);
                inkIn += image[j];
                inkOut += out[j];
                diff += Math.abs(out[j] - image[j]);
            }
            // small changes: the ink stays within a plausible band (scale and stroke changes move it)
            assertTrue(inkOut > 0.4 * inkIn && inkOut < 2.0 * inkIn, "ink " + inkIn + " -> " + inkOut);
            if (diff > 5) {
                changed++;
            }
        }
        assertTrue(changed > 180, "only " + changed + " of 200 images were changed");
    }

    @Test
    void sameSeedSameAugmentation() throws IOException {
        float[] image = TestData.training().image(0);
        float[] a = new float[784];
        float[] b = new float[784];
        DigitAugmenter.standard().augment(image, 0, a, 0, new float[784], new Random(9));
        DigitAugmenter.standard().augment(image, 0, b, 0, new float[784], new Random(9));
        assertArrayEquals(a, b);
    }

    @Test
    void zeroRangesLeaveTheImageAsItIs() throws IOException {
        float[] image = TestData.training().image(3);
        float[] out = new float[784];
        new DigitAugmenter(0, 0, 0, 0, 0).augment(image, 0, out, 0, new float[784], new Random(2));
        assertArrayEquals(image, out, 1e-5f);
        assertEquals(784, out.length);
    }
}
