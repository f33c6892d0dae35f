package org.mniststudio.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded split of a training set into the images trained on and the images held out for validation.
 * The same seed and share always give the same split; the two parts never share an image.
 */
public record DatasetSplit(DigitDataset training, DigitDataset validation) {

    public static final double DEFAULT_VALIDATION_SHARE = 0.1;

    /**
     * @param validationShare in [0, 1); 0 holds nothing out (validation is then empty)
     */
    public static DatasetSplit of(DigitDataset all, double validationShare, long seed) {
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("the validation share must be at least 0 and below 1 (got "
                    + validationShare + ")");
        }
        int[] order = shuffledIndices(all.size(), seed);
        int held = heldOutCount(all.size(), validationShare);
        if (held >= all.size()) {
            throw new IllegalArgumentException("a validation share of " + validationShare
                    + " leaves no images to train on");
        }
        int[] validation = Arrays.copyOfRange(order, 0, held);
        int[] training = Arrays.copyOfRange(order, held, order.length);
        // Keep each part in file order: stable, and friendlier for anyone inspecting it.
        Arrays.sort(validation);
        Arrays.sort(training);
        return new DatasetSplit(all.subset(all.name() + " (training)", training),
                all.subset(all.name() + " (validation)", validation));
    }

    /** How many of {@code size} images a split with this share holds out for validation. */
    public static int heldOutCount(int size, double validationShare) {
        return (int) Math.round(size * validationShare);
    }

    static int[] shuffledIndices(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
