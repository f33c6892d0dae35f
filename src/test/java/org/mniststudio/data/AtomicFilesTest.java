package org.mniststudio.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void theTemporaryFileIsHiddenBesideTheTargetWithTheFolderDefaultPermissions() throws Exception {
        Path target = dir.resolve("model.zip");
        Path reference = Files.createFile(dir.resolve("plain.bin")); // what any new file gets here (umask)
        Path first = AtomicFiles.newTempFileBeside(target);
        Path second = AtomicFiles.newTempFileBeside(target);
        assertEquals(dir.toAbsolutePath(), first.getParent());
        assertTrue(first.getFileName().toString().startsWith(".model.zip."), first.toString());
        assertTrue(first.getFileName().toString().endsWith(".tmp"), first.toString());
        assertNotEquals(first, second);
        assertEquals(0, Files.size(first));
        // Files.createTempFile would give rw------- whatever the umask: a saved model others cannot read
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(first));
    }
}
