package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

class NativeThreadsTest {
    @Test
    void oneOmpThreadInsideAndTheCallersCountBackAfterwards() throws Exception {
        int before = NativeThreads.ompThreadsOnThisThread();
        // what a thread that never set its own count gets (libgomp's default, not necessarily this thread's)
        int freshThreadDefault = countOnAFreshThread();
        AtomicInteger otherThreadSaw = new AtomicInteger();
        int inside = NativeThreads.onOneOmpThread(() -> {
            Thread other = new Thread(() -> otherThreadSaw.set(NativeThreads.ompThreadsOnThisThread()));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return NativeThreads.ompThreadsOnThisThread();
        });
        assertEquals(1, inside);
        assertEquals(before, NativeThreads.ompThreadsOnThisThread(), "restored on the calling thread");
        // libgomp keeps the setting per thread: a training thread running meanwhile keeps its threads
        assertEquals(freshThreadDefault, otherThreadSaw.get());

        assertEquals(before, assertThrowsAndCount(), "restored when the work throws too");
    }

    private static int countOnAFreshThread() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        Thread thread = new Thread(() -> count.set(NativeThreads.ompThreadsOnThisThread()));
        thread.start();
        thread.join();
        return count.get();
    }

    private static int assertThrowsAndCount() {
        try {
            NativeThreads.onOneOmpThread(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            return NativeThreads.ompThreadsOnThisThread();
        }
        throw new AssertionError("the work's exception was swallowed");
    }

    @Test
    void oneBlasThreadOutsideRunsAndWhatARunAsksForDuringIt() {
        Blas blas = Nd4j.factory().blas();
        int atStart = NativeThreads.blasThreadsAtStart();
        try (NativeThreads.Restore run = NativeThreads.blasThreadsForRun(2)) {
            NativeThreads.useOneBlasThreadOutsideRuns(); // as when a classifier is made while a run trains
            assertEquals(2, blas.getMaxThreads(), "a run's count is not taken away from it");
        }
        assertEquals(1, blas.getMaxThreads(), "one thread once the run is over");
        try (NativeThreads.Restore run = NativeThreads.blasThreadsForRun(atStart)) {
            assertEquals(atStart, blas.getMaxThreads());
        }
        assertEquals(1, blas.getMaxThreads());
    }
}
