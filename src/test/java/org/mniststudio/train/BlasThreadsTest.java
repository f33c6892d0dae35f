package org.mniststudio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.model.NetworkFactory;
import org.mniststudio.model.Preset;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

class BlasThreadsTest {
    @Test
    void onlyTheSmallMlpsGetOneThread() {
        assertTrue(small(Preset.MLP_SMALL));
        assertTrue(small(Preset.MLP_DEEP));
        assertFalse(small(Preset.MLP_WIDE), "a batch of 500 through 784x500 is a large product");
        assertFalse(small(Preset.LENET), "convolutional networks are left as they are");
        assertFalse(small(Preset.CNN));
        assertFalse(small(Preset.BEST));
        // the same MLP with a batch five times larger: 500x784x200 is no longer small
        assertFalse(BlasThreads.smallProductsOnly(NetworkFactory.configuration(Preset.MLP_DEEP,
                Preset.MLP_DEEP.defaults()), 500));
    }

    @Test
    void aSmallMlpTrainsOnOneBlasThreadAndTheCountComesBackAfterwards() throws Exception {
        Blas blas = Nd4j.factory().blas();
        int original = blas.getMaxThreads();
        blas.setMaxThreads(2);
        try {
            assertEquals(List.of(1), threadsDuringRun(Preset.MLP_SMALL));
            assertEquals(2, blas.getMaxThreads(), "restored after the run");
            assertEquals(List.of(2), threadsDuringRun(Preset.MLP_WIDE));
            assertEquals(2, blas.getMaxThreads());
        } finally {
            blas.setMaxThreads(original);
        }
    }

    private static boolean small(Preset preset) {
        return BlasThreads.smallProductsOnly(NetworkFactory.configuration(preset, preset.defaults()),
                preset.defaults().batchSize());
    }

    /** The distinct BLAS thread counts seen by the session's progress records. */
    private static List<Integer> threadsDuringRun(Preset preset) throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        TrainingSession session = new TrainingSession(new TrainingRequest(preset,
                preset.defaults().withEpochs(1), TestData.training().head(1500)));
        session.addObserver(new TrainingObserver() {
            @Override
            public void onProgress(IterationProgress p) {
                seen.add(Nd4j.factory().blas().getMaxThreads());
            }
        });
        TrainingOutcome outcome = session.run();
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertFalse(seen.isEmpty());
        return seen.stream().distinct().toList();
    }
}
