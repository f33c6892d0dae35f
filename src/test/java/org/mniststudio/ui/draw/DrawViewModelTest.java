package org.mniststudio.ui.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mniststudio.infer.DigitInput;
import org.mniststudio.model.ModelFile;
import org.mniststudio.ui.Fx;
import org.mniststudio.ui.StudioConfig;
import org.mniststudio.ui.StudioModel;
import org.mniststudio.ui.TestModels;

/** The Draw tab's logic without a window: strokes, undo, clear, and the classification path. */
class DrawViewModelTest {
    private static final int SIDE = 280;
    private StudioModel studio;
    private DrawViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.startToolkit();
    }

    @BeforeEach
    void create() throws Exception {
        var model = ModelFile.load(TestModels.smallModel());
        studio = new StudioModel(StudioConfig.defaults());
        vm = Fx.call(() -> new DrawViewModel(studio));
        Fx.run(() -> studio.useModel(model));
    }

    @AfterEach
    void shutdown() {
        studio.shutdown();
    }

    /** A white vertical bar on black, as the canvas would snapshot it. */
    private static int[] verticalBar() {
        int[] argb = new int[SIDE * SIDE];
        java.util.Arrays.fill(argb, 0xff0a0c14);
        for (int y = 60; y < 220; y++) {
            for (int x = 130; x < 150; x++) {
                argb[y * SIDE + x] = 0xffffffff;
            }
        }
        return argb;
    }

    @Test
    void strokesCanBeUndoneAndCleared() {
        Fx.run(() -> {
            vm.beginStroke(0.5, 0.2);
            vm.extendStroke(0.5, 0.5);
            vm.extendStroke(0.5, 1.7); // outside the canvas: clamped
            vm.endStroke();
            vm.beginStroke(0.2, 0.5);
            vm.endStroke();
        });
        assertEquals(2, vm.strokes().size());
        assertEquals(3, vm.strokes().get(0).size());
        assertEquals(1.0, vm.strokes().get(0).y(2));
        assertEquals(DrawViewModel.DEFAULT_PEN / DrawViewModel.REFERENCE_SIDE, vm.strokes().get(0).width(), 1e-12);
        assertTrue(vm.canUndoBinding().get());
        Fx.run(vm::undo);
        assertEquals(1, vm.strokes().size());
        Fx.run(vm::clear);
        assertTrue(vm.strokes().isEmpty());
        assertFalse(vm.canUndoBinding().get());
        assertFalse(vm.canClearBinding().get());
        assertEquals("Draw a digit", vm.verdictProperty().get());
    }

    @Test
    void aDrawingIsClassifiedInTheBackground() {
        Fx.run(() -> {
            vm.beginStroke(0.5, 0.2);
            vm.extendStroke(0.5, 0.8);
            vm.endStroke();
            vm.classifyDrawing(verticalBar(), SIDE, SIDE);
        });
        Fx.waitUntil("a prediction", 30, () -> vm.prediction() != null);
        assertEquals("1", vm.topDigitProperty().get());
        DigitInput seen = vm.networkInputProperty().get();
        assertTrue(seen.isDigit());
        assertTrue(vm.verdictProperty().get().endsWith("% sure") || vm.notSureProperty().get());
        assertTrue(vm.networkNameProperty().get().startsWith("MLP 784-50-50-10"), vm.networkNameProperty().get());
    }

    @Test
    void aClassificationThatArrivesAfterClearIsDropped() throws Exception {
        Fx.run(() -> {
            vm.beginStroke(0.5, 0.2);
            vm.extendStroke(0.5, 0.8);
            vm.endStroke();
            vm.classifyDrawing(verticalBar(), SIDE, SIDE);
            vm.clear(); // before the worker is done
        });
        // a later classification proves the worker has run past the first one
        Fx.run(() -> {
            vm.beginStroke(0.5, 0.2);
            vm.endStroke();
        });
        Fx.run(() -> vm.showDigit(new float[DigitInput.PIXELS], "blank"));
        Fx.waitUntil("the blank image", 30, () -> vm.verdictProperty().get().startsWith("No digit found"));
        assertNull(vm.prediction(), "neither the cleared drawing nor the blank image gives a prediction");
        assertEquals("", vm.topDigitProperty().get());
    }

    @Test
    void aNewNetworkClassifiesTheShownDrawingAgain() throws Exception {
        Fx.run(() -> {
            vm.beginStroke(0.5, 0.2);
            vm.endStroke();
            vm.classifyDrawing(verticalBar(), SIDE, SIDE);
        });
        Fx.waitUntil("a prediction", 30, () -> vm.prediction() != null);
        var first = vm.prediction();
        var other = ModelFile.load(TestModels.smallModel()); // same weights, a different network object
        Fx.run(() -> studio.useLiveNetwork(other.network(), "a live copy"));
        Fx.waitUntil("the prediction of the new network", 30, () -> vm.prediction() != first);
        assertEquals("a live copy", vm.networkNameProperty().get());
        assertEquals(first.digit(), vm.prediction().digit());
        Fx.run(studio::endLiveNetwork);
        assertTrue(vm.networkNameProperty().get().startsWith("MLP"));
    }
}
