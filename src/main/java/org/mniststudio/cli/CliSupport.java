package org.mniststudio.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.TrainedModel;

/** What the commands share: where data and models come from, and how errors read. */
final class CliSupport {
    private CliSupport() {
    }

    static DatasetSource dataSource(Path dir) throws IOException {
        return dir == null ? DatasetSource.bundled() : DatasetSource.directory(dir);
    }

    static TrainedModel model(Path file) throws IOException {
        return file == null ? ModelFile.loadBundled() : ModelFile.load(file);
    }

    /** One line for a person: the message of an expected fault, the class name only as a last resort. */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A command that could do none of what it was asked. */
    static final class NothingDoneException extends RuntimeException {
        NothingDoneException(String message) {
            super(message);
        }
    }
}
