package org.mniststudio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {
    /** 1000 images, each tagged by its index in pixel 0 so the parts can be traced back. */
    private static DigitDataset tagged(int n) {
        float[] pixels = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i * 784] = i / (float) n;
            pixels[i * 784 + 1] = 1;
            labels[i] = i % 10;
        }
        return DigitDataset.of("tagged", pixels, labels);
    }

    private static Set<Float> tags(DigitDataset d) {
        Set<Float> tags = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            tags.add(d.image(i)[0]);
        }
        return tags;
    }

    @Test
    void holdsOutTheShareWithoutOverlap() {
        DatasetSplit split = DatasetSplit.of(tagged(1000), 0.1, 7);
        assertEquals(100, split.validation().size());
        assertEquals(900, split.training().size());
        Set<Float> training = tags(split.training());
        Set<Float> validation = tags(split.validation());
        assertEquals(900, training.size());
        assertEquals(100, validation.size());
        training.retainAll(validation);
        assertTrue(training.isEmpty(), "training and validation share images");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        DigitDataset all = tagged(1000);
        DatasetSplit a = DatasetSplit.of(all, 0.1, 42);
        DatasetSplit b = DatasetSplit.of(all, 0.1, 42);
        DatasetSplit c = DatasetSplit.of(all, 0.1, 43);
        assertEquals(tags(a.validation()), tags(b.validation()));
        assertArrayEquals(a.validation().image(5), b.validation().image(5));
        assertNotEquals(tags(a.validation()), tags(c.validation()));
    }

    @Test
    void labelsTravelWithTheirImages() {
        DatasetSplit split = DatasetSplit.of(tagged(1000), 0.2, 1);
        DigitDataset v = split.validation();
        for (int i = 0; i < v.size(); i++) {
            int original = Math.round(v.image(i)[0] * 1000);
            assertEquals(original % 10, v.label(i));
        }
    }

    @Test
    void zeroShareKeepsEverythingForTraining() {
        DatasetSplit split = DatasetSplit.of(tagged(50), 0, 1);
        assertEquals(50, split.training().size());
        assertEquals(0, split.validation().size());
    }

    @Test
    void aShareThatLeavesNothingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplit.of(tagged(50), 1.0, 1));
        assertTrue(e.getMessage().contains("validation share"), e.getMessage());
    }
}
