package org.mniststudio.ui.train;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.mniststudio.model.HyperParameters;
import org.mniststudio.model.Optimizer;
import org.mniststudio.model.Preset;
import org.mniststudio.ui.common.ConfusionMatrixView;

/** Controller of Train.fxml: the form, the buttons, the progress bars and the two charts. */
public final class TrainView {
    private final TrainViewModel model;

    @FXML private Pane form;
    @FXML private ComboBox<Preset> presetBox;
    @FXML private Label presetDescription;
    @FXML private ComboBox<Optimizer> optimizerBox;
    @FXML private TextField learningRateField;
    @FXML private Spinner<Integer> batchSizeSpinner;
    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Spinner<Double> dropoutSpinner;
    @FXML private Spinner<Double> validationSpinner;
    @FXML private TextField seedField;
    @FXML private Spinner<Integer> imagesSpinner;
    @FXML private TextField layersField;
    @FXML private Label layersLabel;
    @FXML private CheckBox augmentBox;
    @FXML private CheckBox fineTuneBox;
    @FXML private Label formError;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button stopButton;
    @FXML private Label statusLabel;
    @FXML private ProgressBar runProgress;
    @FXML private ProgressBar epochProgress;
    @FXML private Label epochLabel;
    @FXML private Label speedLabel;
    @FXML private Label timeLeftLabel;
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> accuracyChart;
    @FXML private Region resultPane;
    @FXML private Label resultLabel;
    @FXML private Button useButton;
    @FXML private Button saveButton;
    @FXML private ConfusionMatrixView resultMatrix;

    public TrainView(TrainViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        presetBox.setItems(FXCollections.observableArrayList(Preset.values()));
        presetBox.valueProperty().bindBidirectional(model.presetProperty());
        presetDescription.textProperty().bind(model.presetProperty().map(Preset::description));
        optimizerBox.setItems(FXCollections.observableArrayList(Optimizer.values()));
        optimizerBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optimizer o) {
                return o == null ? "" : switch (o) {
                    case ADAM -> "Adam";
                    case SGD -> "SGD";
                    case NESTEROV -> "SGD with Nesterov momentum";
                };
            }

            @Override
            public Optimizer fromString(String s) {
                return Optimizer.parse(s);
            }
        });
        optimizerBox.valueProperty().bindBidirectional(model.optimizerProperty());
        learningRateField.textProperty().bindBidirectional(model.learningRateProperty());
        seedField.textProperty().bindBidirectional(model.seedProperty());
        layersField.textProperty().bindBidirectional(model.hiddenLayersProperty());
        layersField.disableProperty().bind(model.customLayersBinding().not());
        layersLabel.disableProperty().bind(model.customLayersBinding().not());
        augmentBox.selectedProperty().bindBidirectional(model.augmentProperty());
        fineTuneBox.selectedProperty().bindBidirectional(model.fineTuneProperty());
        presetBox.disableProperty().bind(model.fineTuneProperty());

        intSpinner(batchSizeSpinner, 1, HyperParameters.MAX_BATCH_SIZE, 16, model.batchSizeProperty());
        intSpinner(epochsSpinner, 1, HyperParameters.MAX_EPOCHS, 1, model.epochsProperty());
        intSpinner(imagesSpinner, 100, TrainViewModel.ALL_IMAGES, 1000, model.trainingImagesProperty());
        doubleSpinner(dropoutSpinner, 0, 0.95, 0.05, model.dropoutProperty());
        doubleSpinner(validationSpinner, 0, 0.5, 0.05, model.validationShareProperty());

        formError.textProperty().bind(model.formErrorProperty());
        formError.visibleProperty().bind(model.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
        form.disableProperty().bind(model.canStartBinding().not());
        startButton.disableProperty().bind(model.canStartBinding().not());
        pauseButton.disableProperty().bind(model.canPauseBinding().not());
        pauseButton.textProperty().bind(model.pauseTextBinding());
        stopButton.disableProperty().bind(model.canStopBinding().not());

        statusLabel.textProperty().bind(model.statusTextProperty());
        runProgress.progressProperty().bind(model.runProgressProperty());
        epochProgress.progressProperty().bind(model.epochProgressProperty());
        epochLabel.textProperty().bind(model.epochTextProperty());
        speedLabel.textProperty().bind(model.speedTextProperty());
        timeLeftLabel.textProperty().bind(model.timeLeftTextProperty());

        model.validationLoss().setDecorator(TrainView::symbol);
        model.validationAccuracy().setDecorator(TrainView::symbol);
        lossChart.getData().add(new XYChart.Series<>("training (smoothed)", model.trainingLoss().data()));
        lossChart.getData().add(new XYChart.Series<>("validation (per epoch)", model.validationLoss().data()));
        accuracyChart.getData().add(new XYChart.Series<>("training (smoothed)", model.trainingAccuracy().data()));
        accuracyChart.getData().add(new XYChart.Series<>("validation (per epoch)",
                model.validationAccuracy().data()));
        ((NumberAxis) accuracyChart.getYAxis()).setForceZeroInRange(false);
        model.chartEpochsProperty().addListener((obs, o, epochs) -> {
            fixEpochAxis((NumberAxis) lossChart.getXAxis(), epochs.intValue());
            fixEpochAxis((NumberAxis) accuracyChart.getXAxis(), epochs.intValue());
        });

        resultPane.visibleProperty().bind(model.hasResultBinding());
        resultPane.managedProperty().bind(resultPane.visibleProperty());
        resultLabel.textProperty().bind(model.resultTextProperty());
        resultLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        useButton.disableProperty().bind(model.hasResultBinding().not());
        saveButton.disableProperty().bind(model.hasResultBinding().not());
        resultMatrix.setCellSize(24);
        model.reportProperty().addListener((obs, o, r) -> resultMatrix.setMatrix(r == null ? null : r.confusion()));
        resultMatrix.visibleProperty().bind(model.reportProperty().isNotNull());
        resultMatrix.managedProperty().bind(resultMatrix.visibleProperty());
    }

    /** The epoch axis spans the run; 0 epochs (no run yet) leaves it auto-ranging over the points. */
    private static void fixEpochAxis(NumberAxis axis, int epochs) {
        axis.setAutoRanging(epochs <= 0);
        if (epochs > 0) {
            axis.setLowerBound(0);
            axis.setUpperBound(epochs);
            axis.setTickUnit(epochTickUnit(epochs));
        }
    }

    /** A tick every 1, 2 or 5 x 10^k epochs, so the axis has about 5-10 labels. */
    static double epochTickUnit(int epochs) {
        for (double decade = 1; ; decade *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                if (epochs / (step * decade) <= 10) {
                    return step * decade;
                }
            }
        }
    }

    /** A validation point's dot (training points have none: there are hundreds). */
    private static void symbol(XYChart.Data<Number, Number> point) {
        StackPane dot = new StackPane();
        dot.getStyleClass().add("validation-symbol");
        dot.setPrefSize(8, 8);
        point.setNode(dot);
    }

    private static void intSpinner(Spinner<Integer> spinner, int min, int max, int step,
                                   javafx.beans.property.ObjectProperty<Integer> property) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get(), step);
        spinner.setValueFactory(factory);
        spinner.setEditable(true);
        factory.valueProperty().bindBidirectional(property);
    }

    private static void doubleSpinner(Spinner<Double> spinner, double min, double max, double step,
                                      javafx.beans.property.ObjectProperty<Double> property) {
        var factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.parseDouble(s.trim().replace(',', '.'));
                } catch (NumberFormatException e) {
                    return property.get();
                }
            }
        });
        spinner.setValueFactory(factory);
        spinner.setEditable(true);
        factory.valueProperty().bindBidirectional(property);
    }

    // ---------------------------------------------------------------- actions

    @FXML
    public void start() {
        model.start();
    }

    @FXML
    public void togglePause() {
        model.togglePause();
    }

    @FXML
    public void stop() {
        model.stop();
    }

    @FXML
    private void useResult() {
        model.useResult();
    }

    @FXML
    public void saveResult() {
        if (model.resultProperty().get() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the trained model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MNIST Studio model (*.zip)", "*.zip"));
        chooser.setInitialFileName(model.resultProperty().get().metadata().preset() + "-model.zip");
        var file = chooser.showSaveDialog(saveButton.getScene().getWindow());
        if (file != null) {
            model.saveResult(file.toPath());
        }
    }
}
