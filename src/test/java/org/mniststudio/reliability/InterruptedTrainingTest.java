package org.mniststudio.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.Main;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.TrainedModel;

/**
 * {@code train} ended by Ctrl+C or a plain kill (the same shutdown path) saves the network trained so far instead
 * of losing the run: without the wait in its shutdown hook the JVM halted before the save.
 */
class InterruptedTrainingTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void anInterruptedTrainCommandSavesWhatItHasTrained() throws Exception {
        Path out = dir.resolve("interrupted.zip");
        String seen = trainAndInterruptAfter("epoch 2:", out, "--preset", "mlp-small", "--limit", "3000",
                "--epochs", "500", "--seed", "4");
        assertTrue(seen.contains("saved " + out + " (stopped)"), seen);
        assertTrue(Files.isRegularFile(out), seen);
        TrainedModel saved = ModelFile.load(out);
        int epochs = saved.metadata().history().size();
        assertTrue(epochs >= 2 && epochs < 500, "epochs saved: " + epochs);
        assertEquals("mlp-small", saved.metadata().preset());
        assertTrue(saved.metadata().test().accuracy() > 0.5, "accuracy " + saved.metadata().test().accuracy());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "no temporary file is left beside the model");
        }
    }

    /** A few batches are not worth replacing the file at --out, which may be the model being fine-tuned. */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void interruptedBeforeTheFirstEpochEndsItLeavesTheOutputFileAlone() throws Exception {
        Path out = dir.resolve("existing.zip");
        byte[] before = "an earlier model".getBytes(StandardCharsets.UTF_8);
        Files.write(out, before);
        String seen = trainAndInterruptAfter("training on", out, "--preset", "cnn", "--limit", "30000",
                "--epochs", "3", "--seed", "4");
        assertTrue(seen.contains("nothing saved"), seen);
        assertFalse(seen.contains("epoch 1:"), "the first epoch ended before the signal: " + seen);
        assertArrayEquals(before, Files.readAllBytes(out));
    }

    /**
     * Runs {@code train --out OUT ARGS} in a child JVM, sends it SIGTERM once a line starts with
     * {@code trigger} and returns all it printed. SIGTERM runs the same shutdown hook as Ctrl+C's SIGINT, which
     * a JVM started in the background by a non-interactive shell would ignore.
     */
    private static String trainAndInterruptAfter(String trigger, Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("train", "--out", out.toString()));
        command.addAll(List.of(args));
        Process child = ChildJvm.start(List.of("-Xmx1g"), Main.class, command.toArray(String[]::new));
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                if (!signalled && line.startsWith(trigger)) {
                    // Process.destroy would also close the stream read here
                    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -TERM failed");
                    signalled = true;
                }
            }
            assertTrue(signalled, "never saw '" + trigger + "':\n" + seen);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end:\n" + seen);
            return seen.toString();
        } finally {
            child.destroyForcibly();
        }
    }
}
