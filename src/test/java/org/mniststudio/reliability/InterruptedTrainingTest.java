package org.mniststudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.Main;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.TrainedModel;

/**
 * {@code train} ended by Ctrl+C (or a plain kill, which takes the same shutdown path) saves the network trained
 * so far instead of losing the run: without the wait in its shutdown hook the JVM halted before the save.
 */
class InterruptedTrainingTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aKilledTrainCommandSavesWhatItHasTrained() throws Exception {
        Path out = dir.resolve("interrupted.zip");
        Process child = ChildJvm.start(List.of("-Xmx1g"), Main.class, "train", "--preset", "mlp-small",
                "--limit", "3000", "--epochs", "500", "--seed", "4", "--out", out.toString());
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                if (!signalled && line.startsWith("epoch 2:")) {
                    // SIGINT, what Ctrl+C sends (Process.destroy would also close the stream read here)
                    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -INT failed");
                    signalled = true;
                }
            }
            assertTrue(signalled, "the run never finished its second epoch:\n" + seen);
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end:\n" + seen);
        assertTrue(seen.toString().contains("saved " + out + " (stopped)"), seen.toString());
        assertTrue(Files.isRegularFile(out), seen.toString());
        TrainedModel saved = ModelFile.load(out);
        int epochs = saved.metadata().history().size();
        assertTrue(epochs >= 2 && epochs < 500, "epochs saved: " + epochs);
        assertEquals("mlp-small", saved.metadata().preset());
        assertTrue(saved.metadata().test().accuracy() > 0.5, "accuracy " + saved.metadata().test().accuracy());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "no temporary file is left beside the model");
        }
    }
}
