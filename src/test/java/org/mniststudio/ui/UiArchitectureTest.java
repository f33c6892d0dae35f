package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the UI layer: per tab an FXML view with a thin controller and a view-model that holds no
 * nodes; everything JavaFX stays in org.mniststudio.ui.
 */
class UiArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/mniststudio");
    private static final List<String> TABS = List.of("draw/Draw", "train/Train", "mistakes/Mistakes");

    @Test
    void everyTabHasAnFxmlViewAControllerAndAViewModel() throws Exception {
        for (String tab : TABS) {
            String name = tab.substring(tab.indexOf('/') + 1);
            String pkg = "org.mniststudio.ui." + tab.substring(0, tab.indexOf('/'));
            Class<?> view = Class.forName(pkg + "." + name + "View");
            Class<?> viewModel = Class.forName(pkg + "." + name + "ViewModel");
            try (InputStream fxml = UiArchitectureTest.class.getResourceAsStream("/org/mniststudio/ui/" + tab + ".fxml")) {
                assertNotNull(fxml, tab + ".fxml");
                String text = new String(fxml.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains("fx:controller=\"" + view.getName() + "\""), tab + ".fxml names " + view);
            }
            assertTrue(view.getConstructor(viewModel) != null);
        }
    }

    @Test
    void viewModelsHoldNoNodes() throws Exception {
        List<String> violations = new ArrayList<>();
        for (String name : List.of("org.mniststudio.ui.draw.DrawViewModel", "org.mniststudio.ui.train.TrainViewModel",
                "org.mniststudio.ui.mistakes.MistakesViewModel", "org.mniststudio.ui.MainViewModel",
                "org.mniststudio.ui.StudioModel")) {
            for (Field f : Class.forName(name).getDeclaredFields()) {
                String type = f.getGenericType().getTypeName();
                if (javafx.scene.Node.class.isAssignableFrom(f.getType()) || type.matches(
                        ".*javafx\\.scene\\.(control|layout|canvas|shape|image\\.ImageView|Node|Scene|Parent)\\b.*")) {
                    violations.add(name + "." + f.getName() + " : " + type);
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void viewModelsDoNotImportControlsAndJavaFxStaysInTheUiPackage() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                boolean ui = SOURCES.relativize(file).toString().startsWith("ui");
                boolean isMain = file.getFileName().toString().equals("Main.java");
                if (!ui && !isMain && text.contains("import javafx.")) {
                    violations.add(file + " imports JavaFX outside org.mniststudio.ui");
                }
                if (file.getFileName().toString().endsWith("ViewModel.java")
                        && text.matches("(?s).*import javafx\\.scene\\.(control|layout|canvas|shape|Node|Scene)\\b.*")) {
                    violations.add(file + " imports JavaFX nodes");
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
