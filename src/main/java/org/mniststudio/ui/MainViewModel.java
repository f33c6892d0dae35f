package org.mniststudio.ui;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import org.mniststudio.model.AppInfo;

/** The window around the tabs: its title, the status line, the message bar and the File > Open model command. */
public final class MainViewModel {
    private final StudioModel studio;
    private final StringBinding title;

    public MainViewModel(StudioModel studio) {
        this.studio = studio;
        this.title = Bindings.createStringBinding(() -> AppInfo.NAME + " \u2013 " + studio.modelDescriptionProperty().get(),
                studio.modelDescriptionProperty());
    }

    /** "MNIST Studio - Best (bundled model), 99.64 % test accuracy" */
    public StringBinding titleBinding() {
        return title;
    }

    public ReadOnlyStringProperty modelDescriptionProperty() {
        return studio.modelDescriptionProperty();
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return studio.messageProperty();
    }

    public void dismissMessage() {
        studio.dismissMessage();
    }

    /** Opens a model file; if it cannot be loaded the message bar says why and the model in use stays. */
    public void openModel(Path file) {
        studio.loadModel(file);
    }

    public StudioModel studio() {
        return studio;
    }
}
