package org.mniststudio.ui.mistakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mniststudio.data.DigitDataset;
import org.mniststudio.model.NetworkFactory;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;
import org.mniststudio.train.Misclassification;
import org.mniststudio.ui.StudioModel;
import org.mniststudio.ui.common.Format;
import org.mniststudio.ui.draw.DrawViewModel;

/**
 * The Mistakes tab without its nodes: the test images the model in use gets wrong, filtered by the confusion
 * matrix and sorted, and the one selected. The model is evaluated in the background the first time the tab
 * is shown; the report is kept until the model changes.
 */
public final class MistakesViewModel {
    public enum State { NO_MODEL, EVALUATING, READY, FAILED }

    public enum SortOrder {
        MOST_CONFIDENT("Most confident first"), LEAST_CONFIDENT("Least confident first"), TEST_ORDER("Test-set order");

        private final String text;

        SortOrder(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Which mistakes are shown: a true digit, a predicted digit, both, or neither (-1 = any). */
    public record Filter(int trueDigit, int predicted) {
        public static final Filter ALL = new Filter(-1, -1);

        public boolean accepts(Misclassification m) {
            return (trueDigit < 0 || m.trueLabel() == trueDigit) && (predicted < 0 || m.predicted() == predicted);
        }

        public boolean isAll() {
            return trueDigit < 0 && predicted < 0;
        }

        public String describe() {
            if (isAll()) {
                return "all mistakes";
            }
            if (predicted < 0) {
                return "true " + trueDigit + " taken for anything else";
            }
            if (trueDigit < 0) {
                return "anything wrongly taken for " + predicted;
            }
            return "true " + trueDigit + " taken for " + predicted;
        }
    }

    private final StudioModel studio;
    private final DrawViewModel draw;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.NO_MODEL);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper(this, "header", "No model loaded");
    private final ReadOnlyObjectWrapper<EvaluationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Filter> filter = new ReadOnlyObjectWrapper<>(this, "filter", Filter.ALL);
    private final ReadOnlyStringWrapper filterText = new ReadOnlyStringWrapper(this, "filterText", "");
    private final ObjectProperty<SortOrder> sortOrder = new SimpleObjectProperty<>(this, "sortOrder",
            SortOrder.MOST_CONFIDENT);
    private final ObservableList<Misclassification> visible = FXCollections.observableArrayList();
    private final ObservableList<Misclassification> visibleView = FXCollections.unmodifiableObservableList(visible);
    private final ObjectProperty<Misclassification> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper selectedText = new ReadOnlyStringWrapper(this, "selectedText", "");
    private DigitDataset testSet;
    private TrainedModel evaluated;
    private TrainedModel evaluating;
    private boolean active;

    public MistakesViewModel(StudioModel studio, DrawViewModel draw) {
        this.studio = studio;
        this.draw = draw;
        studio.modelProperty().addListener((obs, old, now) -> modelChanged());
        sortOrder.addListener((obs, o, n) -> refresh());
        selected.addListener((obs, o, m) -> selectedText.set(m == null ? "" : describe(m)
                + ", test image #" + m.index()));
    }

    /** The tab is shown (true) or hidden: the model is evaluated only when someone looks. */
    public void setActive(boolean shown) {
        active = shown;
        if (shown) {
            ensureEvaluated();
        }
    }

    private void modelChanged() {
        if (studio.model() != evaluated) {
            report.set(null);
            visible.clear();
            selected.set(null);
            filter.set(Filter.ALL);
            state.set(studio.model() == null ? State.NO_MODEL : State.EVALUATING);
            header.set(studio.model() == null ? "No model loaded" : "Not evaluated yet");
        }
        if (active) {
            ensureEvaluated();
        }
    }

    /** Evaluates the model in use on the test set unless that was done already (or is under way). */
    public void ensureEvaluated() {
        TrainedModel model = studio.model();
        if (model == null) {
            state.set(State.NO_MODEL);
            header.set("No model loaded: open one (File > Open model) or train one");
            return;
        }
        if (model == evaluated || model == evaluating) {
            return;
        }
        EvaluationReport known = studio.reportFor(model);
        if (known != null && testSet != null) {
            show(model, known, testSet);
            return;
        }
        evaluating = model;
        state.set(State.EVALUATING);
        header.set("Testing " + model.metadata().summary() + " on the 10,000 test images...");
        progress.set(-1);
        Task<Object[]> task = new Task<>() {
            @Override
            protected Object[] call() throws Exception {
                DigitDataset test = studio.testSet().get();
                EvaluationReport r = studio.reportFor(model);
                if (r == null) {
                    // A copy: the Draw tab may be classifying with the model's own network right now.
                    MultiLayerNetwork copy = NetworkFactory.copy(model.network());
                    r = Evaluator.evaluate(copy, test, Evaluator.DEFAULT_BATCH, share -> updateProgress(share, 1));
                }
                return new Object[] {test, r};
            }
        };
        task.progressProperty().addListener((obs, o, n) -> {
            if (evaluating == model) {
                progress.set(n.doubleValue());
            }
        });
        task.setOnSucceeded(e -> {
            if (evaluating == model) {
                evaluating = null;
            }
            if (studio.model() == model) {
                EvaluationReport r = (EvaluationReport) task.getValue()[1];
                studio.rememberReport(model, r);
                show(model, r, (DigitDataset) task.getValue()[0]);
            }
        });
        task.setOnFailed(e -> {
            if (evaluating == model) {
                evaluating = null;
            }
            if (studio.model() == model) {
                state.set(State.FAILED);
                header.set("Could not test the model: " + Format.message(task.getException()));
                studio.showError(Format.message(task.getException()));
            }
        });
        studio.run(task);
    }

    private void show(TrainedModel model, EvaluationReport r, DigitDataset test) {
        evaluated = model;
        testSet = test;
        report.set(r);
        progress.set(1);
        filter.set(Filter.ALL);
        header.set(String.format(Locale.ROOT, "%s of %s misclassified (%.2f %%)", Format.count(r.errors()),
                Format.count(r.count()), r.accuracy() * 100));
        state.set(State.READY);
        refresh();
    }

    // ---------------------------------------------------------------- filtering and sorting

    public void filterCell(int trueDigit, int predicted) {
        setFilter(new Filter(trueDigit, predicted));
    }

    public void filterTrue(int trueDigit) {
        setFilter(new Filter(trueDigit, -1));
    }

    public void filterPredicted(int predicted) {
        setFilter(new Filter(-1, predicted));
    }

    public void showAll() {
        setFilter(Filter.ALL);
    }

    private void setFilter(Filter f) {
        filter.set(f);
        refresh();
    }

    private void refresh() {
        EvaluationReport r = report.get();
        if (r == null) {
            visible.clear();
            filterText.set("");
            return;
        }
        Filter f = filter.get();
        List<Misclassification> list = new ArrayList<>();
        for (Misclassification m : r.mistakes()) {
            if (f.accepts(m)) {
                list.add(m);
            }
        }
        switch (sortOrder.get() == null ? SortOrder.MOST_CONFIDENT : sortOrder.get()) {
            case MOST_CONFIDENT -> list.sort(Comparator.comparingDouble(Misclassification::confidence).reversed());
            case LEAST_CONFIDENT -> list.sort(Comparator.comparingDouble(Misclassification::confidence));
            case TEST_ORDER -> list.sort(Comparator.comparingInt(Misclassification::index));
        }
        visible.setAll(list);
        if (selected.get() != null && !f.accepts(selected.get())) {
            selected.set(null);
        }
        filterText.set(f.isAll() ? "Showing all " + Format.count(list.size())
                : "Showing " + Format.count(list.size()) + ": " + f.describe());
    }

    // ---------------------------------------------------------------- selection

    public void select(Misclassification m) {
        selected.set(m);
    }

    /** The 28x28 test image of a mistake (ink = 1). */
    public float[] image(Misclassification m) {
        return testSet.image(m.index());
    }

    /** Shows the selected test image in the Draw tab, classified by the network in use there. */
    public void openSelectedInDraw() {
        Misclassification m = selected.get();
        if (m == null || testSet == null) {
            return;
        }
        draw.showDigit(image(m), "test image #" + m.index() + " (a " + m.trueLabel() + ")");
        studio.showTab(StudioModel.Tab.DRAW);
    }

    /** "true 4 -> 9 (87 %)" */
    public static String describe(Misclassification m) {
        return String.format(Locale.ROOT, "true %d \u2192 %d (%.0f %%)", m.trueLabel(), m.predicted(),
                m.confidence() * 100);
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The evaluation's progress, 0-1 (-1 while the test set loads). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "87 of 10,000 misclassified (99.13 %)" */
    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EvaluationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Filter> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty filterTextProperty() {
        return filterText.getReadOnlyProperty();
    }

    public ObjectProperty<SortOrder> sortOrderProperty() {
        return sortOrder;
    }

    /** The mistakes shown, filtered and sorted. */
    public ObservableList<Misclassification> visible() {
        return visibleView;
    }

    public ReadOnlyObjectProperty<Misclassification> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty selectedTextProperty() {
        return selectedText.getReadOnlyProperty();
    }
}
