package org.mniststudio.model;

import java.io.IOException;

/** A model file that cannot be loaded or saved; the message names the file and the fault. */
public class ModelFileException extends IOException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
