package org.mniststudio.ui.mistakes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.mniststudio.train.Misclassification;
import org.mniststudio.ui.common.DigitView;

/**
 * A virtualised grid of misclassified images: a ListView whose rows hold as many tiles as fit the width, so
 * only the visible rows exist as nodes however many mistakes there are.
 */
public class MistakeGrid extends StackPane {
    static final double IMAGE_SIDE = 98;
    static final double TILE_WIDTH = 142;

    private final ListView<List<Misclassification>> rows = new ListView<>();
    private final ObjectProperty<Misclassification> selected = new SimpleObjectProperty<>(this, "selected");
    private ObservableList<Misclassification> items = FXCollections.observableArrayList();
    private final ListChangeListener<Misclassification> itemsListener = c -> rebuild();
    private Function<Misclassification, float[]> images = m -> null;
    private Consumer<Misclassification> onSelect = m -> { };
    private int perRow;

    public MistakeGrid() {
        getStyleClass().add("mistake-grid");
        rows.getStyleClass().add("mistake-rows");
        rows.setFocusTraversable(false);
        rows.setCellFactory(list -> new RowCell());
        getChildren().add(rows);
        rows.widthProperty().addListener((obs, o, w) -> {
            if (columnsFor(w.doubleValue()) != perRow) {
                rebuild();
            }
        });
        selected.addListener((obs, o, n) -> rows.refresh());
    }

    public void setItems(ObservableList<Misclassification> list) {
        items.removeListener(itemsListener);
        items = list;
        items.addListener(itemsListener);
        rebuild();
    }

    public void setImages(Function<Misclassification, float[]> source) {
        images = source;
    }

    public void setOnSelect(Consumer<Misclassification> handler) {
        onSelect = handler;
    }

    public ObjectProperty<Misclassification> selectedProperty() {
        return selected;
    }

    public void scrollToTop() {
        rows.scrollTo(0);
    }

    private static int columnsFor(double width) {
        return Math.max(1, (int) ((width - 24) / TILE_WIDTH));
    }

    private void rebuild() {
        perRow = columnsFor(rows.getWidth() > 0 ? rows.getWidth() : 600);
        List<List<Misclassification>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perRow) {
            chunks.add(List.copyOf(items.subList(i, Math.min(items.size(), i + perRow))));
        }
        rows.getItems().setAll(chunks);
    }

    /** One row of tiles; tiles are made once per cell and reused as the cell scrolls. */
    private final class RowCell extends ListCell<List<Misclassification>> {
        private final HBox box = new HBox(8);
        private final List<Tile> tiles = new ArrayList<>();

        RowCell() {
            box.setAlignment(Pos.CENTER);
            getStyleClass().add("mistake-row");
        }

        @Override
        protected void updateItem(List<Misclassification> row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            while (tiles.size() < row.size()) {
                tiles.add(new Tile());
            }
            box.getChildren().setAll(tiles.subList(0, row.size()));
            for (int i = 0; i < row.size(); i++) {
                tiles.get(i).show(row.get(i));
            }
            setGraphic(box);
        }
    }

    /** One mistake: the enlarged image and "true 4 -> 9 (87 %)". */
    private final class Tile extends VBox {
        private final DigitView image = new DigitView(IMAGE_SIDE);
        private final Label caption = new Label();
        private Misclassification shown;

        Tile() {
            super(4);
            getStyleClass().add("mistake-tile");
            setAlignment(Pos.CENTER);
            setPrefWidth(TILE_WIDTH - 8);
            image.setGrid(false);
            caption.getStyleClass().add("mistake-caption");
            getChildren().addAll(image, caption);
            setOnMouseClicked(e -> {
                if (shown != null) {
                    selected.set(shown);
                    onSelect.accept(shown);
                }
            });
        }

        void show(Misclassification m) {
            shown = m;
            image.setPixels(images.apply(m));
            caption.setText(MistakesViewModel.describe(m));
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), m == selected.get());
        }
    }
}
