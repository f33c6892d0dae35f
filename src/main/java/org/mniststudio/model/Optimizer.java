package org.mniststudio.model;

import java.util.Locale;

/** The optimizers a person can pick; each maps to one DL4J updater. */
public enum Optimizer {
    ADAM, SGD, NESTEROV;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optimizer parse(String text) {
        for (Optimizer o : values()) {
            if (o.cliName().equalsIgnoreCase(text.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + text + "' (choose adam, sgd or nesterov)");
    }
}
