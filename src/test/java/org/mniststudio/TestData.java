package org.mniststudio;

import java.io.IOException;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.data.DigitDataset;

/** Real MNIST, loaded once per test JVM and shared (it is immutable). */
public final class TestData {
    private static DigitDataset training;
    private static DigitDataset test;

    private TestData() {
    }

    public static synchronized DigitDataset training() throws IOException {
        if (training == null) {
            training = DatasetSource.bundled().loadTraining();
        }
        return training;
    }

    /** For tests that cannot declare IOException (lambdas). */
    public static DigitDataset trainingUnchecked() {
        try {
            return training();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static synchronized DigitDataset test() throws IOException {
        if (test == null) {
            test = DatasetSource.bundled().loadTest();
        }
        return test;
    }
}
