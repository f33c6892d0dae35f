package org.mniststudio.ui.common;

import java.util.Locale;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Ten horizontal bars, one per digit, with the probability in per cent; the winner is highlighted. */
public class ProbabilityBars extends GridPane {
    private final ProgressBar[] bars = new ProgressBar[10];
    private final Label[] percents = new Label[10];
    private final Label[] digits = new Label[10];
    private float[] probabilities;

    public ProbabilityBars() {
        getStyleClass().add("probability-bars");
        ColumnConstraints digit = new ColumnConstraints();
        digit.setMinWidth(18);
        digit.setHalignment(HPos.CENTER);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setMinWidth(60);
        ColumnConstraints percent = new ColumnConstraints();
        percent.setMinWidth(54);
        percent.setHalignment(HPos.RIGHT);
        getColumnConstraints().addAll(digit, bar, percent);
        for (int d = 0; d < 10; d++) {
            digits[d] = new Label(Integer.toString(d));
            digits[d].getStyleClass().add("bar-digit");
            bars[d] = new ProgressBar(0);
            bars[d].setMaxWidth(Double.MAX_VALUE);
            bars[d].getStyleClass().add("probability-bar");
            bars[d].setId("bar-" + d);
            percents[d] = new Label();
            percents[d].getStyleClass().add("bar-percent");
            percents[d].setId("percent-" + d);
            addRow(d, digits[d], bars[d], percents[d]);
        }
        setProbabilities(null);
    }

    /** Ten probabilities, or null for "nothing to show". */
    public final void setProbabilities(float[] p) {
        probabilities = p == null ? null : p.clone();
        int best = -1;
        if (p != null) {
            best = 0;
            for (int d = 1; d < 10; d++) {
                if (p[d] > p[best]) {
                    best = d;
                }
            }
        }
        for (int d = 0; d < 10; d++) {
            bars[d].setProgress(p == null ? 0 : p[d]);
            percents[d].setText(p == null ? "-" : String.format(Locale.ROOT, "%.1f %%", p[d] * 100));
            boolean top = d == best;
            for (var node : new javafx.scene.Node[] {bars[d], percents[d], digits[d]}) {
                node.getStyleClass().remove("top");
                if (top) {
                    node.getStyleClass().add("top");
                }
            }
        }
    }

    /** A copy of what is shown, or null. */
    public float[] getProbabilities() {
        return probabilities == null ? null : probabilities.clone();
    }
}
