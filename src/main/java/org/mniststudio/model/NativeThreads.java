package org.mniststudio.model;

import java.util.function.Supplier;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many native threads the network code gets: one for classifying a single image, all cores for training
 * the networks that gain from them.
 *
 * <p>Why: classifying one digit is a chain of small native calls. Split over both cores of this machine, each
 * call wakes a second thread (libnd4j's OpenMP team, OpenBLAS's pool), and OpenBLAS's worker then spins on the
 * other core between calls, where the JIT compiler and the GC also need to run; the calls that lose that race
 * make the latency's long tail. Measured with {@code bench} (2,000 calls of a 280x280 canvas image through
 * preprocessing and the network, after the training and the warm-up): see README "Speed".
 *
 * <p>OpenMP's thread count is a per-thread setting in libgomp, so {@link #onOneOmpThread} changes it for the
 * calling thread only and puts it back. OpenBLAS's is one setting for the whole process, so it is one thread
 * outside training runs ({@link #useOneBlasThreadOutsideRuns}), and a training run sets what it needs for its
 * length ({@link #blasThreadsForRun}; small MLPs also train with one OpenMP thread on the training thread).
 * Batch work outside runs (evaluating the test set) then has one OpenBLAS thread too; it took as long
 * as with two (10,000 images through the bundled model: 5.4-6.6 s against 5.5-6.3 s, 4 alternating rounds).
 * {@code -Dmniststudio.singleThreadedPredict=false} leaves single images and the count outside runs as the
 * libraries set them (for A/B measurements); training runs still set theirs.
 */
public final class NativeThreads {
    public static final String SWITCH = "mniststudio.singleThreadedPredict";

    /** OpenBLAS's own count before this class first changed it: all cores, unless the environment said less. */
    private static int blasDefault;
    private static int runsActive;
    private static boolean outsideRunsIsOne;

    private NativeThreads() {
    }

    /** Puts a changed thread count back; closing it twice is a mistake. */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(SWITCH, "true"));
    }

    /** The number of threads OpenBLAS had when the process started. */
    public static synchronized int blasThreadsAtStart() {
        if (blasDefault == 0) {
            blasDefault = Math.max(1, Nd4j.factory().blas().getMaxThreads());
        }
        return blasDefault;
    }

    /**
     * One OpenBLAS thread from now on, except during training runs. Called before anything classifies single
     * images; later calls do nothing, and none changes the count while a run is training.
     */
    public static synchronized void useOneBlasThreadOutsideRuns() {
        if (!enabled() || outsideRunsIsOne) {
            return;
        }
        blasThreadsAtStart();
        outsideRunsIsOne = true;
        if (runsActive == 0) {
            Nd4j.factory().blas().setMaxThreads(1);
        }
    }

    /**
     * Sets OpenBLAS to {@code threads} until the returned handle is closed, then back to the count outside runs.
     * Runs overlapping each other (the app never has two) share the one setting: the latest run's count holds
     * until all of them are closed.
     */
    public static synchronized Restore blasThreadsForRun(int threads) {
        blasThreadsAtStart();
        Blas blas = Nd4j.factory().blas();
        blas.setMaxThreads(threads);
        runsActive++;
        return () -> {
            synchronized (NativeThreads.class) {
                runsActive--;
                if (runsActive == 0) {
                    blas.setMaxThreads(outsideRunsIsOne ? 1 : blasDefault);
                }
            }
        };
    }

    /** Runs {@code work} with libnd4j's OpenMP parallel regions on this thread limited to one thread. */
    public static <T> T onOneOmpThread(Supplier<T> work) {
        if (!enabled()) {
            return work.get();
        }
        try (Restore restore = oneOmpThreadOnThisThread()) {
            return work.get();
        }
    }

    /**
     * Limits libnd4j's OpenMP parallel regions started from this thread to one thread until the handle is
     * closed (on this same thread); other threads keep their count.
     */
    public static Restore oneOmpThreadOnThisThread() {
        NativeOps ops = nativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        return () -> ops.setOmpNumThreads(before);
    }

    /** The OpenMP thread count of parallel regions started from this thread. */
    public static int ompThreadsOnThisThread() {
        return nativeOps().ompGetMaxThreads();
    }

    private static NativeOps nativeOps() {
        Nd4j.getBackend(); // NativeOpsHolder cannot load before ND4J's backend has
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }
}
