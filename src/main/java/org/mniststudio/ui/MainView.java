package org.mniststudio.ui;

import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.mniststudio.ui.common.FxTimer;
import org.mniststudio.ui.draw.DrawView;
import org.mniststudio.ui.draw.DrawViewModel;
import org.mniststudio.ui.mistakes.MistakesView;
import org.mniststudio.ui.mistakes.MistakesViewModel;
import org.mniststudio.ui.train.TrainView;
import org.mniststudio.ui.train.TrainViewModel;

/** Controller of Main.fxml: menus, tabs, message bar and status line. The tabs have their own controllers. */
public final class MainView {
    /** How long an information message stays; errors stay until dismissed. */
    private static final Duration INFO_SHOWN = Duration.seconds(8);

    private final MainViewModel model;
    private final DrawViewModel draw;
    private final TrainViewModel train;
    private final MistakesViewModel mistakes;
    /** Hides the information message shown; an FxTimer, as an animation would pulse the window meanwhile. */
    private FxTimer hideInfo;

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Tab drawTab;
    @FXML private Tab trainTab;
    @FXML private Tab mistakesTab;
    @FXML private DrawView drawController;
    @FXML private TrainView trainController;
    @FXML private MistakesView mistakesController;
    @FXML private HBox messageBar;
    @FXML private Label messageText;
    @FXML private Button dismissButton;
    @FXML private Label statusModel;
    @FXML private ProgressIndicator statusBusy;
    @FXML private MenuItem saveDrawingItem;
    @FXML private MenuItem saveModelItem;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem clearItem;
    @FXML private MenuItem startItem;
    @FXML private MenuItem pauseItem;
    @FXML private MenuItem stopItem;

    public MainView(MainViewModel model, DrawViewModel draw, TrainViewModel train, MistakesViewModel mistakes) {
        this.model = model;
        this.draw = draw;
        this.train = train;
        this.mistakes = mistakes;
    }

    @FXML
    private void initialize() {
        model.messageProperty().addListener((obs, o, m) -> showMessage(m));
        showMessage(model.messageProperty().get());
        model.studio().onShutdown(() -> hideInfo = FxTimer.cancel(hideInfo));
        statusModel.textProperty().bind(model.modelDescriptionProperty().map(s -> "Model: " + s));
        statusBusy.visibleProperty().bind(model.studio().loadingModelProperty());

        var drawSelected = drawTab.selectedProperty();
        undoItem.disableProperty().bind(drawSelected.not().or(draw.canUndoBinding().not()));
        clearItem.disableProperty().bind(drawSelected.not().or(draw.canClearBinding().not()));
        saveDrawingItem.disableProperty().bind(draw.hasDrawingBinding().not());
        saveModelItem.disableProperty().bind(train.hasResultBinding().not());
        startItem.disableProperty().bind(train.canStartBinding().not());
        pauseItem.disableProperty().bind(train.canPauseBinding().not());
        pauseItem.textProperty().bind(train.pauseTextBinding().concat(" training"));
        stopItem.disableProperty().bind(train.canStopBinding().not());

        mistakesTab.selectedProperty().addListener((obs, o, shown) -> mistakes.setActive(shown));
        model.studio().requestedTabProperty().addListener((obs, o, tab) -> {
            if (tab != null) {
                tabs.getSelectionModel().select(tab.ordinal());
            }
        });
        // Escape clears the canvas (Delete is the menu accelerator); only when nothing else took the key.
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && drawTab.isSelected()) {
                drawController.clear();
                e.consume();
            }
        });
    }

    private void showMessage(Message m) {
        boolean shown = m != null;
        messageBar.setVisible(shown);
        messageBar.setManaged(shown);
        messageBar.getStyleClass().removeAll("error", "info");
        hideInfo = FxTimer.cancel(hideInfo);
        if (shown) {
            messageText.setText(m.text());
            messageBar.getStyleClass().add(m.isError() ? "error" : "info");
            if (!m.isError()) {
                hideInfo = FxTimer.after(INFO_SHOWN, () -> {
                    Message now = model.messageProperty().get();
                    if (now != null && !now.isError()) {
                        model.dismissMessage();
                    }
                });
            }
        }
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    // ---------------------------------------------------------------- File

    @FXML
    private void openModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Model files (*.zip)", "*.zip"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.openModel(file.toPath());
        }
    }

    @FXML
    private void openImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open an image to classify");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images (*.png, *.jpg, *.gif, *.bmp)", "*.png", "*.jpg", "*.jpeg",
                        "*.gif", "*.bmp"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            tabs.getSelectionModel().select(drawTab);
            draw.openImage(file.toPath());
        }
    }

    @FXML
    private void saveDrawing() {
        if (!draw.hasDrawing()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the drawing as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image (*.png)", "*.png"));
        chooser.setInitialFileName("digit.png");
        int[] pixels = drawController.snapshot();
        int side = drawController.side();
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            draw.saveDrawing(pixels, side, side, file.toPath());
        }
    }

    @FXML
    private void saveModel() {
        trainController.saveResult();
    }

    @FXML
    private void quit() {
        model.studio().shutdown(); // stops a run in progress; then the application ends
        javafx.application.Platform.exit();
    }

    // ---------------------------------------------------------------- Edit, View, Training

    @FXML
    private void undo() {
        drawController.undo();
    }

    @FXML
    private void clear() {
        drawController.clear();
    }

    @FXML
    private void showDraw() {
        tabs.getSelectionModel().select(drawTab);
    }

    @FXML
    private void showTrain() {
        tabs.getSelectionModel().select(trainTab);
    }

    @FXML
    private void showMistakes() {
        tabs.getSelectionModel().select(mistakesTab);
    }

    @FXML
    private void startTraining() {
        tabs.getSelectionModel().select(trainTab);
        train.start();
    }

    @FXML
    private void pauseTraining() {
        train.togglePause();
    }

    @FXML
    private void stopTraining() {
        train.stop();
    }

    // ---------------------------------------------------------------- Help

    @FXML
    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("About " + org.mniststudio.model.AppInfo.NAME);
        alert.setHeaderText(AboutInfo.title());
        alert.setContentText(AboutInfo.text());
        alert.getDialogPane().setPrefWidth(520);
        alert.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        alert.show();
    }

    @FXML
    private void shortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        TextArea text = new TextArea(AboutInfo.shortcuts());
        text.setEditable(false);
        text.getStyleClass().add("shortcuts");
        text.setPrefRowCount(12);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        alert.show();
    }

    @FXML
    private void dismissMessage() {
        model.dismissMessage();
    }

    // ---------------------------------------------------------------- for the window and tests

    public TabPane tabs() {
        return tabs;
    }

    public DrawView drawView() {
        return drawController;
    }

    public TrainView trainView() {
        return trainController;
    }

    public MistakesView mistakesView() {
        return mistakesController;
    }
}
