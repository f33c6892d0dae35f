package org.mniststudio.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Helpers for writing a file whole or not at all: write a temporary file beside it, then move it into place. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * A new, empty temporary file in {@code target}'s folder, named after it and hidden. Unlike
     * {@code Files.createTempFile}, which makes it readable by its owner only, it gets the permissions any new
     * file gets there (the user's umask), so the file moved into place is as readable as one saved directly.
     */
    public static Path newTempFileBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        for (int attempt = 0; ; attempt++) {
            String name = "." + absolute.getFileName() + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp";
            try {
                return Files.createFile(folder.resolve(name));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves a finished temporary file over {@code target} in one step, so a reader sees the old file or the
     * new one, never a part; a plain replacing move where the file system cannot move atomically.
     */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
