package org.mniststudio.ui.mistakes;

import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import org.mniststudio.train.Misclassification;
import org.mniststudio.ui.common.ConfusionMatrixView;
import org.mniststudio.ui.common.DigitView;
import org.mniststudio.ui.common.ProbabilityBars;

/** Controller of Mistakes.fxml. */
public final class MistakesView {
    private final MistakesViewModel model;

    @FXML private Label headerLabel;
    @FXML private ProgressBar evaluationProgress;
    @FXML private Label filterLabel;
    @FXML private Button showAllButton;
    @FXML private ComboBox<MistakesViewModel.SortOrder> sortBox;
    @FXML private MistakeGrid grid;
    @FXML private ConfusionMatrixView matrix;
    @FXML private Region detailPane;
    @FXML private DigitView selectedImage;
    @FXML private Label selectedLabel;
    @FXML private ProbabilityBars selectedBars;
    @FXML private Button openInDrawButton;

    public MistakesView(MistakesViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        headerLabel.textProperty().bind(model.headerProperty());
        evaluationProgress.progressProperty().bind(model.progressProperty());
        evaluationProgress.visibleProperty().bind(model.stateProperty().isEqualTo(MistakesViewModel.State.EVALUATING));
        evaluationProgress.managedProperty().bind(evaluationProgress.visibleProperty());
        filterLabel.textProperty().bind(model.filterTextProperty());
        showAllButton.disableProperty().bind(model.filterProperty().map(MistakesViewModel.Filter::isAll));
        sortBox.setItems(FXCollections.observableArrayList(MistakesViewModel.SortOrder.values()));
        sortBox.valueProperty().bindBidirectional(model.sortOrderProperty());

        grid.setImages(model::image);
        grid.setItems(model.visible());
        grid.setOnSelect(model::select);
        model.selectedProperty().addListener((obs, o, m) -> {
            grid.selectedProperty().set(m);
            showSelected(m);
        });
        model.visible().addListener((javafx.collections.ListChangeListener<Misclassification>) c -> grid.scrollToTop());

        matrix.setCellSize(27);
        matrix.setOnCell(model::filterCell);
        matrix.setOnTrue(model::filterTrue);
        matrix.setOnPredicted(model::filterPredicted);
        model.reportProperty().addListener((obs, o, r) -> matrix.setMatrix(r == null ? null : r.confusion()));
        model.filterProperty().addListener((obs, o, f) -> matrix.setSelection(f.trueDigit(), f.predicted()));

        selectedLabel.textProperty().bind(model.selectedTextProperty());
        openInDrawButton.disableProperty().bind(model.selectedProperty().isNull());
        showSelected(null);
    }

    private void showSelected(Misclassification m) {
        selectedImage.setPixels(m == null ? null : model.image(m));
        selectedBars.setProbabilities(m == null ? null : m.probabilities());
        if (m == null) {
            selectedLabel.textProperty().unbind();
            selectedLabel.setText("Click an image to see it large");
        } else if (!selectedLabel.textProperty().isBound()) {
            selectedLabel.textProperty().bind(model.selectedTextProperty());
        }
    }

    @FXML
    private void showAll() {
        model.showAll();
    }

    @FXML
    private void openInDraw() {
        model.openSelectedInDraw();
    }
}
