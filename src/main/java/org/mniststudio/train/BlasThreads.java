package org.mniststudio.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.mniststudio.model.NativeThreads;

/**
 * The native thread counts of a training run: one OpenBLAS thread and one OpenMP thread (on the training
 * thread) for a small MLP, all OpenBLAS threads for the others, for the length of the run (outside runs the
 * process keeps one OpenBLAS thread, see {@link NativeThreads}).
 *
 * <p>Why: for products as small as {@code mlp-small}'s (a batch of 100 through 784x50) a second OpenBLAS
 * thread costs more than it saves, and it keeps a core busy that libnd4j's own threads then lack. Measured with
 * {@code bench} (interleaved runs on this 2-core machine, medians of 3 paired rounds): {@code mlp-small} 1.58x
 * and {@code mlp-deep} 1.35x faster on one thread; {@code mlp-wide} (a batch of 500 through 784x500) no faster
 * (0.9-1.0x), and LeNet about 0.9x. So only plain MLPs whose largest product is at most {@link #SMALL_PRODUCT}
 * multiply-adds per batch get one thread; the others get every thread OpenBLAS started with. One OpenMP thread on
 * top made them faster again (3 interleaved rounds, 10,000 images): {@code mlp-small} 1.12x (0.96-1.20),
 * {@code mlp-deep} 1.27x (1.02-1.30), because each of their small native calls otherwise wakes a second OpenMP
 * thread (15 % of the samples in a {@code perf} profile of an {@code mlp-small} run).
 * {@code -Dmniststudio.oneBlasThreadForSmallMlps=false} gives small MLPs all threads too (for A/B measurements).
 */
final class BlasThreads {
    /** Batch x inputs x outputs of the largest dense layer: mlp-deep's 100x784x200 is 15.7 M, LeNet's 25.6 M. */
    static final long SMALL_PRODUCT = 20_000_000L;
    static final String SWITCH = "mniststudio.oneBlasThreadForSmallMlps";

    private BlasThreads() {
    }

    /** Sets the counts {@code conf} trains best with, until the handle is closed on this same thread. */
    static NativeThreads.Restore forRun(MultiLayerConfiguration conf, int batchSize) {
        boolean oneThread = Boolean.parseBoolean(System.getProperty(SWITCH, "true"))
                && smallProductsOnly(conf, batchSize);
        if (!oneThread) {
            return NativeThreads.blasThreadsForRun(NativeThreads.blasThreadsAtStart());
        }
        // called on the training thread, so the OpenMP count is that thread's, and closed there too
        NativeThreads.Restore blas = NativeThreads.blasThreadsForRun(1);
        NativeThreads.Restore omp;
        try {
            omp = NativeThreads.oneOmpThreadOnThisThread();
        } catch (RuntimeException | Error e) {
            blas.close(); // or the process would count this run as training for ever
            throw e;
        }
        return () -> {
            try {
                omp.close();
            } finally {
                blas.close();
            }
        };
    }

    /** True for a network of dense layers only (dropout allowed) whose largest product is small. */
    static boolean smallProductsOnly(MultiLayerConfiguration conf, int batchSize) {
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            Layer layer = layerConf.getLayer();
            if (layer instanceof DropoutLayer) {
                continue;
            }
            if (!(layer instanceof DenseLayer || layer instanceof BaseOutputLayer)) {
                return false; // convolutions, pooling, batch norm: not measured, left as they were
            }
            FeedForwardLayer dense = (FeedForwardLayer) layer;
            if ((long) batchSize * dense.getNIn() * dense.getNOut() > SMALL_PRODUCT) {
                return false;
            }
        }
        return true;
    }
}
