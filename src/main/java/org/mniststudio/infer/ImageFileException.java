package org.mniststudio.infer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image file that cannot be used. The message is one line naming the file and what is wrong with it,
 * fit to be shown to the user as it is.
 */
public class ImageFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: Path is not Serializable, and the message already names the file. */
    private final transient Path file;

    public ImageFileException(Path file, String problem) {
        super(file + " " + problem);
        this.file = file;
    }

    public ImageFileException(Path file, String problem, Throwable cause) {
        super(file + " " + problem, cause);
        this.file = file;
    }

    /** The file concerned (null after deserialisation). */
    public Path file() {
        return file;
    }
}
