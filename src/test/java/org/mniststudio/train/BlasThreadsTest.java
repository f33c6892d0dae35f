package org.mniststudio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.model.NativeThreads;
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
    void aSmallMlpTrainsOnOneThreadOthersOnAllAndTheCountsComeBackAfterwards() throws Exception {
        Blas blas = Nd4j.factory().blas();
        int outside = blas.getMaxThreads();
        int omp = NativeThreads.ompThreadsOnThisThread();
        assertEquals(List.of("blas 1, omp 1"), threadsDuringRun(Preset.MLP_SMALL));
        assertEquals(outside, blas.getMaxThreads(), "restored after the run");
        assertEquals(omp, NativeThreads.ompThreadsOnThisThread(), "the training thread's OpenMP count is back");
        assertEquals(List.of("blas " + NativeThreads.blasThreadsAtStart() + ", omp " + omp),
                threadsDuringRun(Preset.MLP_WIDE));
        assertEquals(outside, blas.getMaxThreads());
        assertEquals(omp, NativeThreads.ompThreadsOnThisThread());
    }

    private static boolean small(Preset preset) {
        return BlasThreads.smallProductsOnly(NetworkFactory.configuration(preset, preset.defaults()),
                preset.defaults().batchSize());
    }

    /**
     * The distinct BLAS and OpenMP thread counts seen by the session's progress records, which are published on
     * the training thread (here the test's own: {@code run()} trains on the calling thread).
     */
    private static List<String> threadsDuringRun(Preset preset) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        TrainingSession session = new TrainingSession(new TrainingRequest(preset,
                preset.defaults().withEpochs(1), TestData.training().head(1500)));
        session.addObserver(new TrainingObserver() {
            @Override
            public void onProgress(IterationProgress p) {
                seen.add("blas " + Nd4j.factory().blas().getMaxThreads() + ", omp " + NativeThreads.ompThreadsOnThisThread());
            }
        });
        TrainingOutcome outcome = session.run();
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertFalse(seen.isEmpty());
        return seen.stream().distinct().toList();
    }
}
