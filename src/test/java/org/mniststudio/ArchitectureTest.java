package org.mniststudio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering, checked on the sources: the core (data, model, train, infer) never imports JavaFX or the
 * faces built on it (ui, cli); data and model know nothing of training or inference; cli never reaches into ui.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/mniststudio");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void coreNeverImportsJavaFxOrTheFaces() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("data", "model", "train", "infer")) {
            check(pkg, violations, "javafx.", "org.mniststudio.ui", "org.mniststudio.cli");
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void lowerLayersDoNotKnowTheUpperOnes() throws IOException {
        List<String> violations = new ArrayList<>();
        check("data", violations, "org.mniststudio.model", "org.mniststudio.train", "org.mniststudio.infer",
                "org.deeplearning4j", "org.nd4j");
        check("model", violations, "org.mniststudio.train", "org.mniststudio.infer");
        check("cli", violations, "org.mniststudio.ui", "javafx.");
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void theCheckSeesTheSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve("data"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith("MnistIdxReader.java")));
        }
    }

    private static void check(String pkg, List<String> violations, String... forbidden) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    for (String f : forbidden) {
                        if (m.group(2).startsWith(f)) {
                            violations.add(file + " imports " + m.group(2));
                        }
                    }
                }
            }
        }
    }
}
