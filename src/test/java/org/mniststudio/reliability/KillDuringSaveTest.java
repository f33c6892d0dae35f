package org.mniststudio.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.TrainedModel;

/**
 * Kills (SIGKILL) a process while it is saving a model over an existing one, at random moments: the file
 * left behind is always a whole model, the old one or the new one, never a broken one.
 */
class KillDuringSaveTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aKilledSaveLeavesTheOldFileOrTheNewOneIntact() throws Exception {
        Path target = dir.resolve("model.zip");
        Random random = new Random(5);
        int kills = 0;
        for (int round = 0; round < 4; round++) {
            Process child = ChildJvm.start(List.of("-Xmx1g"), SaveLoop.class, target.toString());
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            int saved = 0;
            // wait for two complete saves, so a valid old file exists and the loop is in full swing
            while (saved < 2 && (line = out.readLine()) != null) {
                if (line.startsWith("saved ")) {
                    saved++;
                }
            }
            assertTrue(saved == 2, "the child never saved (round " + round + ")");
            Thread.sleep(random.nextInt(400));
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            child.waitFor(30, TimeUnit.SECONDS);
            kills++;
            TrainedModel left = ModelFile.load(target); // throws if the file is broken
            assertTrue(left.metadata().createdAt().startsWith("save "), left.metadata().createdAt());
        }
        assertTrue(kills == 4);
    }
}
