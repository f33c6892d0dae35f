package org.mniststudio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mniststudio.data.DigitDataset;
import org.nd4j.linalg.dataset.DataSet;

class DigitBatchIteratorTest {
    /** Images whose pixels all hold the image's index / 100, labelled index % 10. */
    private static DigitDataset numbered(int count) {
        float[] pixels = new float[count * DigitDataset.PIXELS];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            Arrays.fill(pixels, i * DigitDataset.PIXELS, (i + 1) * DigitDataset.PIXELS, i / 100f);
            labels[i] = i % 10;
        }
        return DigitDataset.of("numbered", pixels, labels);
    }

    @Test
    void everyImageOnceAnEpochWithItsLabelThoughTheArraysAreReused() {
        DigitBatchIterator batches = new DigitBatchIterator(numbered(23), 5, true, null, 3);
        assertEquals(5, batches.batchesPerEpoch());
        Set<Integer> seen = new HashSet<>();
        DataSet first = null;
        int count = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            if (first == null) {
                first = batch;
            } else if (batch.numExamples() == 5) {
                // one native array per batch size, refilled: no allocation per batch
                assertSame(first.getFeatures(), batch.getFeatures());
            }
            float[][] features = batch.getFeatures().toFloatMatrix();
            float[][] labels = batch.getLabels().toFloatMatrix();
            for (int i = 0; i < features.length; i++) {
                int index = Math.round(features[i][0] * 100);
                assertEquals(features[i][0], features[i][783]);
                float[] oneHot = new float[10];
                oneHot[index % 10] = 1f;
                assertArrayEquals(oneHot, labels[i], "labels of image " + index + " (the previous batch's cleared)");
                seen.add(index);
                count++;
            }
        }
        assertEquals(23, count);
        assertEquals(23, seen.size());
        assertFalse(batches.asyncSupported(), "a prefetching wrapper would see batches overwritten");
    }
}
