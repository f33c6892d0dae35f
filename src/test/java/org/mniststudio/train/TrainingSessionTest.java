package org.mniststudio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.Preset;

class TrainingSessionTest {

    private static HyperParameters small(int epochs) {
        return Preset.MLP_SMALL.defaults().withEpochs(epochs).withBatchSize(50);
    }

    @Test
    void trainingOnASmallSubsetReallyLearns() throws Exception {
        DigitDataset subset = TestData.training().head(6000);
        List<IterationProgress> progress = new CopyOnWriteArrayList<>();
        List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
        TrainingSession session = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL, small(3), subset));
        session.addObserver(new TrainingObserver() {
            @Override
            public void onProgress(IterationProgress p) {
                progress.add(p);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                epochs.add(m);
            }
        });
        TrainingOutcome outcome = session.run();
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        // 5400 images / 50 = 108 batches per epoch, 324 iterations: records every 10 plus each epoch's end
        assertEquals(3, epochs.size());
        assertTrue(progress.size() >= 30, "progress records: " + progress.size());
        IterationProgress last = progress.get(progress.size() - 1);
        assertEquals(324, last.iteration());
        assertEquals(1.0, last.progress(), 1e-9);
        assertTrue(last.imagesPerSecond() > 0);
        assertTrue(progress.get(0).trainingLoss() > last.trainingLoss(), "loss did not fall");
        assertTrue(last.trainingAccuracy() > 0.7, "training accuracy " + last.trainingAccuracy());
        EpochMetrics third = epochs.get(2);
        assertTrue(third.validationAccuracy() > 0.85, "validation accuracy " + third.validationAccuracy());
        assertTrue(third.trainingLoss() < epochs.get(0).trainingLoss());
        double testAccuracy = Evaluator.evaluate(outcome.network(), TestData.test().head(2000)).accuracy();
        assertTrue(testAccuracy > 0.85, "test accuracy " + testAccuracy + " is not well above chance (0.1)");
        assertNotNull(session.latestEpochNetwork());
        assertTrue(session.latestEpochNetwork() != outcome.network(), "the epoch copy must not be the trained network");
    }

    @Test
    void pauseHoldsTrainingAndStopEndsItAtABatchBoundary() throws Exception {
        DigitDataset subset = TestData.training().head(3000);
        CountDownLatch firstRecord = new CountDownLatch(1);
        List<IterationProgress> progress = new CopyOnWriteArrayList<>();
        TrainingSession session = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL, small(50), subset,
                null, 1));
        session.addObserver(new TrainingObserver() {
            @Override
            public void onProgress(IterationProgress p) {
                progress.add(p);
                firstRecord.countDown();
            }
        });
        session.start();
        assertTrue(firstRecord.await(60, TimeUnit.SECONDS));
        session.pause();
        assertEquals(TrainingSession.State.PAUSED, session.state());
        Thread.sleep(300); // let the batch in flight finish
        int whilePaused = progress.size();
        Thread.sleep(700);
        assertEquals(whilePaused, progress.size(), "training went on while paused");
        session.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (progress.size() == whilePaused && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(progress.size() > whilePaused, "training did not resume");
        long stopAsked = System.nanoTime();
        session.stop();
        TrainingOutcome outcome = session.awaitOutcome(10, TimeUnit.SECONDS);
        double stopSeconds = (System.nanoTime() - stopAsked) / 1e9;
        assertEquals(TrainingOutcome.Status.STOPPED, outcome.status());
        assertTrue(stopSeconds < 2, "stopping took " + stopSeconds + " s");
        assertNotNull(outcome.network());
        assertEquals(TrainingSession.State.FINISHED, session.state());
        assertTrue(progress.get(progress.size() - 1).iteration() < 50L * 54, "it ran to the end instead of stopping");
    }

    @Test
    void aNanLossStopsTheRunWithAMessageAboutTheLearningRate() {
        DigitDataset subset = TestData.trainingUnchecked().head(2000);
        HyperParameters wild = Preset.MLP_WIDE.defaults().withOptimizer(org.mniststudio.model.Optimizer.SGD)
                .withLearningRate(1.0).withBatchSize(20).withEpochs(3).withDropout(0);
        TrainingSession session = new TrainingSession(new TrainingRequest(Preset.MLP_WIDE, wild,
                scaled(subset, 1000f)));
        TrainingOutcome outcome = session.run();
        assertEquals(TrainingOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.message().contains("learning rate"), outcome.message());
        assertNull(outcome.network());
    }

    @Test
    void earlyStoppingEndsBeforeTheLastEpoch() {
        DigitDataset subset = TestData.trainingUnchecked().head(1000);
        // a rate this high makes validation loss wander, so patience 1 triggers well before 30 epochs
        HyperParameters hp = small(30).withLearningRate(0.05).withEarlyStoppingPatience(1).withValidationShare(0.2);
        TrainingOutcome outcome = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL, hp, subset)).run();
        assertEquals(TrainingOutcome.Status.EARLY_STOPPED, outcome.status(), outcome.message());
        assertTrue(outcome.history().size() < 30);
        assertFalse(outcome.history().isEmpty());
    }

    @Test
    void extremeButValidSettingsAreHandledSensibly() {
        DigitDataset tiny = TestData.trainingUnchecked().head(200);
        // batch size 1: 180 iterations of one image each
        TrainingOutcome one = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                small(1).withBatchSize(1), tiny)).run();
        assertEquals(TrainingOutcome.Status.COMPLETED, one.status(), one.message());
        // a batch larger than the data set: one batch per epoch holding everything
        List<IterationProgress> progress = new CopyOnWriteArrayList<>();
        TrainingSession big = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                small(2).withBatchSize(5000), tiny, null, 1));
        big.addObserver(new TrainingObserver() {
            @Override
            public void onProgress(IterationProgress p) {
                progress.add(p);
            }
        });
        assertEquals(TrainingOutcome.Status.COMPLETED, big.run().status());
        assertEquals(2, progress.size());
        assertEquals(1, progress.get(0).batchesPerEpoch());
        // a learning rate of 1e-9 learns nothing, but finishes without fault
        TrainingOutcome slow = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                small(1).withLearningRate(1e-9), tiny)).run();
        assertEquals(TrainingOutcome.Status.COMPLETED, slow.status());
        assertTrue(Double.isFinite(slow.history().get(0).trainingLoss()));
        // no validation share: epochs report no validation figures instead of failing
        TrainingOutcome noValidation = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                small(1).withValidationShare(0), tiny)).run();
        assertEquals(TrainingOutcome.Status.COMPLETED, noValidation.status());
        assertFalse(noValidation.history().get(0).hasValidation());
    }

    @Test
    void settingsNoRunCanUseFailWithAMessage() {
        DigitDataset tiny = TestData.trainingUnchecked().head(200);
        TrainingOutcome zeroEpochs = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                small(1).withEpochs(0), tiny)).run();
        assertEquals(TrainingOutcome.Status.FAILED, zeroEpochs.status());
        assertTrue(zeroEpochs.message().contains("epochs"), zeroEpochs.message());
        TrainingOutcome allHeldOut = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                small(1).withValidationShare(1.0), tiny)).run();
        assertEquals(TrainingOutcome.Status.FAILED, allHeldOut.status());
        assertTrue(allHeldOut.message().contains("validation share"), allHeldOut.message());
    }

    /** Multiplies every pixel: inputs this large make plain SGD at rate 1 diverge at once. */
    private static DigitDataset scaled(DigitDataset d, float factor) {
        float[] pixels = new float[d.size() * 784];
        int[] labels = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            float[] image = d.image(i);
            for (int j = 0; j < 784; j++) {
                pixels[i * 784 + j] = image[j] * factor;
            }
            labels[i] = d.label(i);
        }
        return DigitDataset.of("scaled", pixels, labels);
    }
}
