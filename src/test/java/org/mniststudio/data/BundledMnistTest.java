package org.mniststudio.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The real MNIST files shipped in assets/: present, checksummed, and the shape MNIST has. */
class BundledMnistTest {
    @Test
    void bundledMnistLoadsWithVerifiedChecksums() throws IOException {
        DatasetSource source = DatasetSource.bundled();
        DigitDataset train = source.loadTraining();
        DigitDataset test = source.loadTest();
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        // known facts of MNIST: the first training label is 5, the first test label is 7
        assertEquals(5, train.label(0));
        assertEquals(7, test.label(0));
        int[] counts = test.labelCounts();
        assertEquals(980, counts[0]);
        assertEquals(1135, counts[1]);
    }

    /**
     * Debian's dataset-fashion-mnist (installed by .ci/run) is another IDX data set of 28x28 images: the same
     * reader must load it. Outside CI, on a machine without the package, the check is skipped.
     */
    @Test
    void fashionMnistLoads() throws IOException {
        java.nio.file.Path fashion = java.nio.file.Path.of("/usr/share/datasets/fashion-mnist");
        if (System.getenv("CI") == null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fashion),
                    "Debian's dataset-fashion-mnist is not installed");
        }
        DigitDataset train = DatasetSource.directory(fashion).loadTraining();
        DigitDataset test = DatasetSource.directory(fashion).loadTest();
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        for (int count : test.labelCounts()) {
            assertEquals(1000, count); // Fashion-MNIST's test set is balanced
        }
        assertTrue(train.image(0)[400] >= 0f && train.image(0)[400] <= 1f);
    }
}
