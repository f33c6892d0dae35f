package org.mniststudio.ui.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The points of one chart series, capped: values are offered one by one (off the chart), reach the chart
 * in batches with {@link #flush()}, and when there would be more than {@code maxPoints} every other point is
 * dropped and from then on only every second value offered is kept. However long a run, the chart never
 * holds more than {@code maxPoints} points, spread evenly over the whole run.
 */
public final class ThinnedSeries {
    private final ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
    private final List<XYChart.Data<Number, Number>> pending = new ArrayList<>();
    private final int maxPoints;
    private Consumer<XYChart.Data<Number, Number>> decorator = d -> { };
    private int stride = 1;
    private long offered;

    public ThinnedSeries(int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4");
        }
        this.maxPoints = maxPoints;
    }

    /** The list a chart series shows. Changed only by {@link #flush()} and {@link #clear()}. */
    public ObservableList<XYChart.Data<Number, Number>> data() {
        return data;
    }

    /** Called on every point as it is made (e.g. by the view, to give validation points a symbol). */
    public void setDecorator(Consumer<XYChart.Data<Number, Number>> decorator) {
        this.decorator = decorator == null ? d -> { } : decorator;
    }

    /** Offers a value; it is kept if it falls on the current stride. Any thread that owns this series. */
    public void offer(double x, double y) {
        if (offered++ % stride == 0 && Double.isFinite(y)) {
            XYChart.Data<Number, Number> point = new XYChart.Data<>(x, y);
            decorator.accept(point);
            pending.add(point);
        }
    }

    /** Hands the pending points to the chart in one change. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (data.size() + pending.size() <= maxPoints) {
            data.addAll(pending);
        } else {
            List<XYChart.Data<Number, Number>> all = new ArrayList<>(data.size() + pending.size());
            all.addAll(data);
            all.addAll(pending);
            while (all.size() > maxPoints) {
                all = everyOther(all);
                stride *= 2;
            }
            data.setAll(all);
        }
        pending.clear();
    }

    private static <T> List<T> everyOther(List<T> points) {
        List<T> kept = new ArrayList<>(points.size() / 2 + 1);
        for (int i = 0; i < points.size(); i += 2) {
            kept.add(points.get(i));
        }
        return kept;
    }

    public void clear() {
        pending.clear();
        data.clear();
        stride = 1;
        offered = 0;
    }

    public int size() {
        return data.size();
    }

    /** How many values offered make one point now (1, 2, 4, ...). */
    public int stride() {
        return stride;
    }
}
