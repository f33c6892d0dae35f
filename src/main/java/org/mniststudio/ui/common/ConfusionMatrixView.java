package org.mniststudio.ui.common;

import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;

/**
 * The 10x10 confusion matrix as a heat map: rows are the true digits, columns the predictions. Correct
 * answers (the diagonal) are green, mistakes red, the stronger the more images. Cells and headers can be
 * clicked when handlers are set.
 */
public class ConfusionMatrixView extends GridPane {
    private final Label[][] cells = new Label[10][10];
    private final Label[] rowHeaders = new Label[10];
    private final Label[] columnHeaders = new Label[10];
    private int[][] matrix;
    private BiConsumer<Integer, Integer> onCell;
    private IntConsumer onTrue;
    private IntConsumer onPredicted;
    private double cellSize = 30;

    public ConfusionMatrixView() {
        getStyleClass().add("confusion-matrix");
        Label corner = new Label("true \u2193\npred \u2192");
        corner.getStyleClass().add("cm-corner");
        corner.setWrapText(true);
        add(corner, 0, 0);
        for (int d = 0; d < 10; d++) {
            int digit = d;
            columnHeaders[d] = header(Integer.toString(d), "cm-pred-" + d, "Show the mistakes predicted as " + d);
            columnHeaders[d].setOnMouseClicked(e -> {
                if (onPredicted != null) {
                    onPredicted.accept(digit);
                }
            });
            rowHeaders[d] = header(Integer.toString(d), "cm-true-" + d, "Show the mistakes on true " + d + "s");
            rowHeaders[d].setOnMouseClicked(e -> {
                if (onTrue != null) {
                    onTrue.accept(digit);
                }
            });
            add(columnHeaders[d], d + 1, 0);
            add(rowHeaders[d], 0, d + 1);
        }
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                Label cell = new Label();
                cell.getStyleClass().add("cm-cell");
                cell.setId("cm-" + t + "-" + p);
                cell.setAlignment(Pos.CENTER);
                int truth = t;
                int predicted = p;
                cell.setOnMouseClicked(e -> {
                    if (onCell != null) {
                        onCell.accept(truth, predicted);
                    }
                });
                cells[t][p] = cell;
                add(cell, p + 1, t + 1);
            }
        }
        setCellSize(cellSize);
        setMatrix(null);
    }

    private static Label header(String text, String id, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("cm-header");
        l.setId(id);
        l.setAlignment(Pos.CENTER);
        Tooltip t = new Tooltip(tip);
        t.setShowDelay(Duration.millis(400));
        l.setTooltip(t);
        return l;
    }

    public final void setCellSize(double size) {
        cellSize = size;
        for (Label[] row : cells) {
            for (Label c : row) {
                c.setMinSize(size, size);
                c.setPrefSize(size, size);
                c.setMaxSize(size, size);
            }
        }
        for (int d = 0; d < 10; d++) {
            columnHeaders[d].setPrefSize(size, 22);
            columnHeaders[d].setMinSize(size, 22);
            rowHeaders[d].setPrefSize(32, size);
            rowHeaders[d].setMinSize(32, size);
        }
    }

    public double getCellSize() {
        return cellSize;
    }

    /** Whether a click on a cell or header does something (changes the cursor and hover styling). */
    public void setInteractive(boolean interactive) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("interactive"), interactive);
    }

    public void setOnCell(BiConsumer<Integer, Integer> handler) {
        onCell = handler;
        setInteractive(handler != null);
    }

    public void setOnTrue(IntConsumer handler) {
        onTrue = handler;
    }

    public void setOnPredicted(IntConsumer handler) {
        onPredicted = handler;
    }

    /** {@code confusion[true][predicted]}, or null for an empty matrix. */
    public final void setMatrix(int[][] confusion) {
        matrix = confusion;
        int maxOff = 1;
        int maxDiag = 1;
        if (confusion != null) {
            for (int t = 0; t < 10; t++) {
                for (int p = 0; p < 10; p++) {
                    if (t == p) {
                        maxDiag = Math.max(maxDiag, confusion[t][p]);
                    } else {
                        maxOff = Math.max(maxOff, confusion[t][p]);
                    }
                }
            }
        }
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                Label cell = cells[t][p];
                int n = confusion == null ? 0 : confusion[t][p];
                cell.setText(confusion == null || n == 0 ? "" : Integer.toString(n));
                String style;
                if (n == 0) {
                    style = "-fx-background-color: -cm-empty;";
                } else if (t == p) {
                    double a = 0.25 + 0.55 * n / maxDiag;
                    style = String.format(Locale.ROOT, "-fx-background-color: rgba(22,163,74,%.2f);", a);
                    if (a > 0.55) {
                        style += " -fx-text-fill: white;";
                    }
                } else {
                    double a = 0.12 + 0.83 * Math.log1p(n) / Math.log1p(maxOff);
                    style = String.format(Locale.ROOT, "-fx-background-color: rgba(220,38,38,%.2f);%s", a,
                            a > 0.55 ? " -fx-text-fill: white;" : "");
                }
                if (n >= 1000) {
                    style += " -fx-font-size: 8px;"; // four digits in a small cell
                }
                cell.setStyle(style);
                String tip = confusion == null ? "" : t == p ? n + " images of " + t + " recognised correctly"
                        : n + (n == 1 ? " image" : " images") + " of " + t + " taken for " + p;
                if (confusion != null) {
                    Tooltip tooltip = new Tooltip(tip);
                    tooltip.setShowDelay(Duration.millis(300));
                    cell.setTooltip(tooltip);
                } else {
                    cell.setTooltip(null);
                }
            }
        }
    }

    public int[][] getMatrix() {
        return matrix;
    }

    /** Highlights the filtered cell, row or column; -1 for none. */
    public void setSelection(int trueDigit, int predicted) {
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                boolean selected = (trueDigit >= 0 || predicted >= 0)
                        && (trueDigit < 0 || trueDigit == t) && (predicted < 0 || predicted == p);
                cells[t][p].getStyleClass().remove("selected");
                if (selected) {
                    cells[t][p].getStyleClass().add("selected");
                }
            }
        }
    }
}
