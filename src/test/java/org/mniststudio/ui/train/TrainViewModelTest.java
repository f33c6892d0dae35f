package org.mniststudio.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.Optimizer;
import org.mniststudio.model.Preset;
import org.mniststudio.train.IterationProgress;
import org.mniststudio.train.TrainingOutcome;
import org.mniststudio.ui.Fx;
import org.mniststudio.ui.StudioConfig;
import org.mniststudio.ui.StudioModel;
import org.mniststudio.ui.train.TrainViewModel.RunState;

/** The Train tab's logic without a window (the JavaFX toolkit runs, for properties and timers). */
class TrainViewModelTest {
    private StudioModel studio;
    private TrainViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.startToolkit();
    }

    @BeforeEach
    void create() {
        studio = new StudioModel(StudioConfig.defaults());
        vm = Fx.call(() -> new TrainViewModel(studio));
    }

    @AfterEach
    void shutdown() {
        studio.shutdown();
    }

    @Test
    void choosingAPresetFillsTheFormWithItsValues() {
        Fx.run(() -> vm.presetProperty().set(Preset.CNN));
        HyperParameters cnn = Preset.CNN.defaults();
        assertEquals(cnn.batchSize(), vm.batchSizeProperty().get());
        assertEquals(cnn.epochs(), vm.epochsProperty().get());
        assertEquals(cnn.dropout(), vm.dropoutProperty().get(), 1e-12);
        assertEquals("0.001", vm.learningRateProperty().get());
        assertEquals(cnn, Fx.call(vm::hyperParameters), "the untouched form is exactly the preset");
        assertFalse(vm.customLayersBinding().get());
        Fx.run(() -> vm.presetProperty().set(Preset.CUSTOM_MLP));
        assertTrue(vm.customLayersBinding().get());
        assertEquals("300,100", vm.hiddenLayersProperty().get());
    }

    @Test
    void theFormBecomesHyperParameters() {
        Fx.run(() -> {
            vm.presetProperty().set(Preset.CUSTOM_MLP);
            vm.optimizerProperty().set(Optimizer.SGD);
            vm.learningRateProperty().set(" 0.05 ");
            vm.batchSizeProperty().set(64);
            vm.epochsProperty().set(3);
            vm.seedProperty().set("7");
            vm.augmentProperty().set(true);
            vm.hiddenLayersProperty().set("128, 64 32");
        });
        HyperParameters hp = Fx.call(vm::hyperParameters);
        assertEquals(Optimizer.SGD, hp.optimizer());
        assertEquals(0.05, hp.learningRate(), 1e-12);
        assertEquals(64, hp.batchSize());
        assertEquals(3, hp.epochs());
        assertEquals(7, hp.seed());
        assertTrue(hp.augment());
        assertEquals(List.of(128, 64, 32), hp.hiddenLayers());
    }

    @Test
    void badValuesAreExplainedAndNothingStarts() {
        Fx.run(() -> vm.learningRateProperty().set("fast"));
        var e = assertThrows(IllegalArgumentException.class, vm::hyperParameters); // reads properties only
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        Fx.run(vm::start);
        assertTrue(vm.formErrorProperty().get().startsWith("The learning rate must be a number"),
                vm.formErrorProperty().get());
        assertEquals(RunState.IDLE, vm.state());

        Fx.run(() -> {
            vm.learningRateProperty().set("2");
            vm.start();
        });
        assertTrue(vm.formErrorProperty().get().contains("at most 1"), vm.formErrorProperty().get());

        Fx.run(() -> {
            vm.learningRateProperty().set("0.001");
            vm.trainingImagesProperty().set(100);
            vm.batchSizeProperty().set(500);
            vm.start();
        });
        assertTrue(vm.formErrorProperty().get().contains("batch size"), vm.formErrorProperty().get());
        assertEquals(RunState.IDLE, vm.state());
        assertThrows(IllegalArgumentException.class, () -> TrainViewModel.parseLayers("300,x"));
        assertThrows(IllegalArgumentException.class, () -> TrainViewModel.parseLayers(" "));
    }

    @Test
    void onlyTheCommandsThatMakeSenseAreEnabled() {
        assertTrue(vm.canStartBinding().get());
        assertFalse(vm.canPauseBinding().get());
        assertFalse(vm.canStopBinding().get());
        assertFalse(vm.hasResultBinding().get());
        assertEquals("Pause", vm.pauseTextBinding().get());
        Fx.run(vm::togglePause); // nothing to pause: no effect
        assertEquals(RunState.IDLE, vm.state());
    }

    @Test
    void recordsFromTheTrainingThreadReachTheChartsInBatchesAndStayCapped() {
        int records = 3000;
        for (int i = 1; i <= records; i++) {
            double share = (double) i / records;
            vm.accept(new IterationProgress(i * 10L, 1 + (i - 1) / 300, 10, (i - 1) % 300 + 1, 300,
                    2.0 / i, Math.min(0.99, 0.1 + share), 1234.5, share, ((i - 1) % 300 + 1) / 300.0, 60 * (1 - share)));
        }
        Fx.run(vm::drain);
        assertEquals(records, vm.recordsDrained());
        assertTrue(vm.trainingLoss().size() <= TrainViewModel.MAX_POINTS, "points " + vm.trainingLoss().size());
        assertTrue(vm.trainingLoss().size() > TrainViewModel.MAX_POINTS / 2);
        assertTrue(vm.trainingAccuracy().size() <= TrainViewModel.MAX_POINTS);
        assertEquals(0, vm.validationLoss().size(), "validation comes per epoch only");
        assertEquals("Epoch 10 of 10, batch 300 of 300", vm.epochTextProperty().get());
        assertEquals("1,235 images/s", vm.speedTextProperty().get());
        // smoothed: the first point is the first value, later points fall with the loss
        var loss = vm.trainingLoss().data();
        assertEquals(2.0, loss.get(0).getYValue().doubleValue(), 1e-9);
        assertTrue(loss.get(loss.size() - 1).getYValue().doubleValue() < 0.01);
        var accuracy = vm.trainingAccuracy().data();
        assertTrue(accuracy.get(accuracy.size() - 1).getYValue().doubleValue() > 90, "accuracy in per cent");
    }

    @Test
    void theEndOfARunTakenFromTheQueueIsNotLostToAFaultInALaterRecord() {
        vm.trainingLoss().setDecorator(point -> {
            throw new IllegalStateException("a fault in a chart update");
        });
        vm.accept(new TrainingOutcome(TrainingOutcome.Status.FAILED, "out of memory", null, List.of()));
        vm.accept(new IterationProgress(10L, 1, 10, 1, 300, 2.0, 0.1, 1234.5, 0.01, 1 / 300.0, 60));
        AssertionError fault = assertThrows(AssertionError.class, () -> Fx.run(vm::drain));
        assertTrue(fault.getMessage().contains("a fault in a chart update"), fault.getMessage());
        assertEquals(RunState.FINISHED, Fx.call(vm::state), "the window must not wait for the run's end for ever");
        assertEquals("Training failed: out of memory", Fx.call(() -> vm.statusTextProperty().get()));
    }

    @Test
    void theSmoothingIsAnUnbiasedMovingAverage() {
        TrainViewModel.Ema ema = new TrainViewModel.Ema(0.7);
        assertEquals(5.0, ema.add(5), 1e-12, "the first value as it is, not pulled towards 0");
        assertEquals(5.0, ema.add(5), 1e-12);
        double next = ema.add(1);
        assertTrue(next > 1 && next < 5);
        assertEquals(next, ema.add(Double.NaN), 1e-12, "a NaN does not poison the curve");
    }
}
