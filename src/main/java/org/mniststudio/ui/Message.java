package org.mniststudio.ui;

/** A line for the message bar under the menu: what went wrong (or what happened), never a stack trace. */
public record Message(String text, Severity severity) {
    public enum Severity { INFO, ERROR }

    public static Message error(String text) {
        return new Message(text, Severity.ERROR);
    }

    public static Message info(String text) {
        return new Message(text, Severity.INFO);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
