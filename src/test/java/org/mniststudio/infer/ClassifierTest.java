package org.mniststudio.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mniststudio.model.NativeThreads;
import org.mniststudio.model.NetworkFactory;
import org.mniststudio.model.Preset;
import org.nd4j.linalg.factory.Nd4j;

class ClassifierTest {
    @Test
    void oneImageOnOneThreadGetsTheProbabilitiesItGetsInABatch() {
        Classifier classifier = new Classifier(NetworkFactory.build(Preset.LENET, Preset.LENET.defaults()));
        int ompBefore = NativeThreads.ompThreadsOnThisThread();
        float[] two = new float[2 * NetworkFactory.INPUT_SIZE];
        for (int i = 0; i < two.length; i++) {
            two[i] = (i * 37 % 101) / 100f;
        }
        float[][] batch = classifier.probabilities(two, 2);
        float[][] single = classifier.probabilities(Arrays.copyOf(two, NetworkFactory.INPUT_SIZE), 1);
        assertArrayEquals(batch[0], single[0], 1e-5f);
        assertEquals(ompBefore, NativeThreads.ompThreadsOnThisThread(), "the caller's OpenMP thread count is back");
        assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "outside training, OpenBLAS has one thread");
    }
}
