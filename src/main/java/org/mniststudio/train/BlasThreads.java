package org.mniststudio.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a small MLP's matrix products on one OpenBLAS thread for the length of a training run, and gives
 * OpenBLAS its thread count back afterwards.
 *
 * <p>Why: for products as small as {@code mlp-small}'s (a batch of 100 through 784x50) a second OpenBLAS
 * thread costs more than it saves, and it keeps a core busy that libnd4j's own threads then lack. Measured with
 * {@code bench} (interleaved runs on this 2-core machine, medians of 3 paired rounds): {@code mlp-small} 1.58x
 * and {@code mlp-deep} 1.35x faster on one thread; {@code mlp-wide} (a batch of 500 through 784x500) no faster
 * (0.9-1.0x), and the convolutional networks, whose matrix products are a small share of their time, no faster
 * either. So only plain MLPs whose largest product is at most {@link #SMALL_PRODUCT} multiply-adds per batch
 * get one thread.
 * {@code -Dmniststudio.oneBlasThreadForSmallMlps=false} leaves the count alone (for A/B measurements).
 */
final class BlasThreads implements AutoCloseable {
    /** Batch x inputs x outputs of the largest dense layer: mlp-deep's 100x784x200 is 15.7 M, LeNet's 25.6 M. */
    static final long SMALL_PRODUCT = 20_000_000L;
    static final String SWITCH = "mniststudio.oneBlasThreadForSmallMlps";

    /** Changes nothing, and restores nothing. */
    private static final BlasThreads UNCHANGED = new BlasThreads(null, 0);

    private final Blas blas;
    private final int before;

    private BlasThreads(Blas blas, int before) {
        this.blas = blas;
        this.before = before;
    }

    /** One BLAS thread until {@link #close()} if {@code conf} is a small MLP; otherwise nothing changes. */
    static BlasThreads limitFor(MultiLayerConfiguration conf, int batchSize) {
        if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true")) || !smallProductsOnly(conf, batchSize)) {
            return UNCHANGED;
        }
        Blas blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        if (before <= 1) {
            return UNCHANGED;
        }
        blas.setMaxThreads(1);
        return new BlasThreads(blas, before);
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

    @Override
    public void close() {
        if (blas != null) {
            blas.setMaxThreads(before);
        }
    }
}
