package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.model.ModelFileException;
import org.mniststudio.model.TrainedModel;

class StartModelPreloadTest {
    @TempDir
    Path dir;

    @Test
    void theWindowTakesThePreloadedModelOnceAndOnlyForTheSameFile() throws Exception {
        StartModelPreload.start(null);
        assertNull(StartModelPreload.take(dir.resolve("other.zip")), "another file is not what was preloaded");
        TrainedModel bundled = StartModelPreload.take(null);
        assertNotNull(bundled);
        assertEquals("best", bundled.metadata().preset());
        assertNull(StartModelPreload.take(null), "taken once: a later load reads the file again");
    }

    @Test
    void startReturnsOnlyOnceTheNativeLibrariesAreLoadedSoJavaFxCannotLoadItsOwnMeanwhile() throws Exception {
        AtomicBoolean loaded = new AtomicBoolean();
        StartModelPreload.start(null, () -> {
            try {
                Thread.sleep(300); // a slow native load
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loaded.set(true);
        });
        assertTrue(loaded.get(), "start returned before the native libraries were loaded");
        assertNotNull(StartModelPreload.take(null), "the model still loads after the natives");
    }

    @Test
    void aFailedNativeLoadDoesNotHangTheStartAndReachesTheWindow() {
        StartModelPreload.start(null, () -> {
            throw new UnsatisfiedLinkError("no libnd4jcpu.so");
        });
        assertThrows(IllegalStateException.class, () -> StartModelPreload.take(null));
    }

    @Test
    void aBadStartModelReachesTheWindowAsTheLoadersOwnError() throws Exception {
        Path bad = Files.writeString(dir.resolve("not-a-model.zip"), "hello");
        StartModelPreload.start(bad);
        ModelFileException e = assertThrows(ModelFileException.class, () -> StartModelPreload.take(bad));
        assertEquals(true, e.getMessage().contains("not-a-model.zip"), e.getMessage());
    }
}
