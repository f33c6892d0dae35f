package org.mniststudio.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class ThinnedSeriesTest {

    @Test
    void pointsReachTheChartOnlyOnFlushInOneChange() {
        ThinnedSeries series = new ThinnedSeries(500);
        int[] changes = {0};
        series.data().addListener((ListChangeListener<Object>) c -> changes[0]++);
        for (int i = 0; i < 50; i++) {
            series.offer(i, i * 2);
        }
        assertEquals(0, series.size(), "nothing before the flush");
        series.flush();
        assertEquals(50, series.size());
        assertEquals(1, changes[0], "one change for the whole batch");
        assertEquals(98.0, series.data().get(49).getYValue().doubleValue());
    }

    @Test
    void tensOfThousandsOfValuesStayUnderTheCapAndSpanTheWholeRun() {
        ThinnedSeries series = new ThinnedSeries(500);
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            series.offer(i, Math.sin(i));
            if (i % 37 == 0) {
                series.flush();
            }
        }
        series.flush();
        assertTrue(series.size() <= 500, "points: " + series.size());
        assertTrue(series.size() >= 250, "thinned too much: " + series.size());
        assertEquals(0.0, series.data().get(0).getXValue().doubleValue(), "keeps the start");
        double lastX = series.data().get(series.size() - 1).getXValue().doubleValue();
        assertTrue(lastX > n - 2 * series.stride() - 1, "reaches the end: " + lastX);
        for (int i = 1; i < series.size(); i++) {
            double step = series.data().get(i).getXValue().doubleValue() - series.data().get(i - 1).getXValue().doubleValue();
            assertTrue(step > 0 && step <= 2 * series.stride(), "evenly spread, step " + step + " at " + i);
        }
        assertTrue(series.stride() >= 64, "stride " + series.stride());
    }

    @Test
    void clearStartsAfreshAndNonFiniteValuesAreSkipped() {
        ThinnedSeries series = new ThinnedSeries(8);
        for (int i = 0; i < 100; i++) {
            series.offer(i, i);
        }
        series.flush();
        series.clear();
        assertEquals(0, series.size());
        assertEquals(1, series.stride());
        series.offer(0, Double.NaN);
        series.offer(1, 1);
        series.flush();
        assertEquals(1, series.size());
        assertThrows(IllegalArgumentException.class, () -> new ThinnedSeries(2));
    }
}
