package org.mniststudio;

import org.mniststudio.cli.CliMain;
import org.mniststudio.model.NativeSetup;

/**
 * Entry point. With a command (train, evaluate, predict, ...) runs the command line; without one, opens the
 * window. It deliberately does not extend javafx.application.Application: {@code java -jar} with JavaFX on
 * the class path refuses such a main class.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NativeSetup.configure(); // before any ND4J class loads: native build and layer helpers
        System.exit(CliMain.execute(args));
    }
}
