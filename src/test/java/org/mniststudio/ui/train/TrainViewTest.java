package org.mniststudio.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainViewTest {
    @Test
    void theEpochAxisHasATickEveryOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, TrainView.epochTickUnit(1));
        assertEquals(1, TrainView.epochTickUnit(10));
        assertEquals(2, TrainView.epochTickUnit(15));
        assertEquals(5, TrainView.epochTickUnit(30));
        assertEquals(10, TrainView.epochTickUnit(100));
        assertEquals(50, TrainView.epochTickUnit(500));
        for (int epochs = 1; epochs <= 5000; epochs++) {
            double unit = TrainView.epochTickUnit(epochs);
            double ticks = epochs / unit;
            assertTrue(ticks <= 10 && (epochs <= 10 || ticks >= 2), epochs + " epochs: a tick every " + unit);
        }
    }
}
