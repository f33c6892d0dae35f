package org.mniststudio.data;

import java.io.IOException;

/** A data set file that cannot be used; the message names the file and what is wrong with it. */
public class DatasetException extends IOException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
