package org.mniststudio.ui.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.NetworkFactory;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Misclassification;
import org.mniststudio.ui.Fx;
import org.mniststudio.ui.StudioConfig;
import org.mniststudio.ui.StudioModel;
import org.mniststudio.ui.draw.DrawViewModel;

/** The Mistakes tab's logic on a made-up test report: header, filters, sorting, selection. */
class MistakesViewModelTest {
    private StudioModel studio;
    private MistakesViewModel vm;
    private DrawViewModel draw;
    private EvaluationReport report;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.startToolkit();
    }

    @BeforeEach
    void create() {
        studio = new StudioModel(StudioConfig.defaults());
        draw = Fx.call(() -> new DrawViewModel(studio));
        vm = Fx.call(() -> new MistakesViewModel(studio, draw));
        // 5 mistakes: 4 -> 9 (twice), 4 -> 7, 3 -> 5, 7 -> 1
        List<Misclassification> mistakes = new ArrayList<>();
        mistakes.add(mistake(10, 4, 9, 0.9f));
        mistakes.add(mistake(20, 4, 9, 0.6f));
        mistakes.add(mistake(30, 4, 7, 0.8f));
        mistakes.add(mistake(40, 3, 5, 0.5f));
        mistakes.add(mistake(5, 7, 1, 0.95f));
        int[][] confusion = new int[10][10];
        for (int d = 0; d < 10; d++) {
            confusion[d][d] = 999;
        }
        confusion[4][9] = 2;
        confusion[4][7] = 1;
        confusion[3][5] = 1;
        confusion[7][1] = 1;
        report = new EvaluationReport("test", 9995, 0.9995, 0.01, confusion, new double[10], new double[10], mistakes);
        TrainedModel model = new TrainedModel(NetworkFactory.build(Preset.MLP_SMALL, Preset.MLP_SMALL.defaults()),
                ModelMetadata.imported("now"), "made-up.zip");
        Fx.run(() -> {
            studio.rememberReport(model, report); // so nothing is evaluated
            studio.useModel(model);
            vm.setActive(true);
        });
        Fx.waitUntil("the report", 60, () -> vm.stateProperty().get() == MistakesViewModel.State.READY);
    }

    @AfterEach
    void shutdown() {
        studio.shutdown();
    }

    private static Misclassification mistake(int index, int truth, int predicted, float confidence) {
        float[] p = new float[10];
        p[predicted] = confidence;
        p[truth] = 1 - confidence;
        return new Misclassification(index, truth, predicted, p);
    }

    private List<Integer> indices() {
        return Fx.call(() -> vm.visible().stream().map(Misclassification::index).toList());
    }

    @Test
    void theHeaderCountsTheMistakes() {
        assertEquals("5 of 9,995 misclassified (99.95 %)", vm.headerProperty().get());
        assertEquals("Showing all 5", vm.filterTextProperty().get());
        assertEquals("true 4 \u2192 9 (90 %)", MistakesViewModel.describe(report.mistakes().get(0)));
    }

    @Test
    void theMatrixFiltersByPairTrueDigitAndPrediction() {
        Fx.run(() -> vm.filterCell(4, 9));
        assertEquals(List.of(10, 20), indices());
        assertEquals("Showing 2: true 4 taken for 9", vm.filterTextProperty().get());
        Fx.run(() -> vm.filterTrue(4));
        assertEquals(List.of(10, 30, 20), indices());
        Fx.run(() -> vm.filterPredicted(1));
        assertEquals(List.of(5), indices());
        Fx.run(() -> vm.filterCell(2, 2));
        assertEquals(List.of(), indices(), "the diagonal holds no mistakes");
        Fx.run(vm::showAll);
        assertEquals(5, indices().size());
    }

    @Test
    void mistakesSortByConfidenceOrTestOrder() {
        assertEquals(List.of(5, 10, 30, 20, 40), indices(), "most confident first");
        Fx.run(() -> vm.sortOrderProperty().set(MistakesViewModel.SortOrder.LEAST_CONFIDENT));
        assertEquals(List.of(40, 20, 30, 10, 5), indices());
        Fx.run(() -> vm.sortOrderProperty().set(MistakesViewModel.SortOrder.TEST_ORDER));
        assertEquals(List.of(5, 10, 20, 30, 40), indices());
    }

    @Test
    void aSelectedImageOpensInTheDrawTab() {
        Misclassification m = report.mistakes().get(0);
        Fx.run(() -> vm.select(m));
        assertTrue(vm.selectedTextProperty().get().contains("test image #10"), vm.selectedTextProperty().get());
        assertEquals(784, Fx.call(() -> vm.image(m)).length);
        Fx.run(vm::openSelectedInDraw);
        assertEquals(StudioModel.Tab.DRAW, studio.requestedTabProperty().get());
        assertTrue(draw.sourceProperty().get().startsWith("test image #10"), draw.sourceProperty().get());
        // a filter that excludes the selection drops it
        Fx.run(() -> vm.filterCell(3, 5));
        assertNull(vm.selectedProperty().get());
    }
}
