package org.mniststudio.train;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mniststudio.data.DigitAugmenter;
import org.mniststudio.data.DigitDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches straight from the in-memory data set: features {@code [batch, 784]} in [0,1], one-hot
 * labels {@code [batch, 10]}. Shuffles every epoch from a seeded generator, so a run is reproducible, and
 * optionally augments each image as it is batched. The last batch of an epoch may be smaller.
 */
public final class DigitBatchIterator implements DataSetIterator {
    private static final int PIXELS = DigitDataset.PIXELS;

    private final DigitDataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final DigitAugmenter augmenter;
    private final Random random;
    private final int[] order;
    private final float[] scratch = new float[PIXELS];
    private final float[] imageBuffer = new float[PIXELS];
    /** Staging arrays and the native arrays they are copied into, one pair per batch size met (full, last). */
    private final Map<Integer, Buffers> buffers = new HashMap<>(4);
    private int cursor;
    private DataSetPreProcessor preProcessor;

    public DigitBatchIterator(DigitDataset data, int batchSize, boolean shuffle, DigitAugmenter augmenter, long seed) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot iterate over an empty data set");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.augmenter = augmenter;
        this.random = new Random(seed);
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        reset();
    }

    /** Batches per epoch, counting the last, smaller one. */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    public int size() {
        return data.size();
    }

    /**
     * The next batch. Its arrays are reused by the next call (this is what keeps training from
     * allocating 2 x 300 KB of heap and as much native memory per batch, which piled up between garbage
     * collections): use a batch before asking for another, or {@code dup()} it.
     */
    @Override
    public DataSet next(int num) {
        int n = Math.min(num, data.size() - cursor);
        Buffers b = buffers.computeIfAbsent(n, Buffers::new);
        float[] features = b.features;
        float[] labels = b.labels;
        Arrays.fill(labels, 0f);
        for (int i = 0; i < n; i++) {
            int index = order[cursor + i];
            if (augmenter != null) {
                data.copyImage(index, imageBuffer, 0);
                augmenter.augment(imageBuffer, 0, features, i * PIXELS, scratch, random);
            } else {
                data.copyImage(index, features, i * PIXELS);
            }
            labels[i * 10 + data.label(index)] = 1f;
        }
        cursor += n;
        b.featureArray.data().setData(features);
        b.labelArray.data().setData(labels);
        DataSet ds = new DataSet(b.featureArray, b.labelArray);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < data.size();
    }

    @Override
    public int inputColumns() {
        return PIXELS;
    }

    @Override
    public int totalOutcomes() {
        return 10;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** No: a prefetching wrapper would hold batches whose arrays the next batch overwrites. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    private static final class Buffers {
        final float[] features;
        final float[] labels;
        final INDArray featureArray;
        final INDArray labelArray;

        Buffers(int n) {
            features = new float[n * PIXELS];
            labels = new float[n * 10];
            // outside any workspace a caller may have open: these arrays outlive it
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                featureArray = Nd4j.create(DataType.FLOAT, n, PIXELS);
                labelArray = Nd4j.create(DataType.FLOAT, n, 10);
            }
        }
    }
}
