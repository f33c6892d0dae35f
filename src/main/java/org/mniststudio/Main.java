package org.mniststudio;

import org.mniststudio.cli.CliMain;
import org.mniststudio.model.NativeSetup;
import org.mniststudio.ui.StudioApp;

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
        if (args.length > 0) {
            System.exit(CliMain.execute(args));
        }
        try {
            StudioApp.launchWindow();
        } catch (RuntimeException e) {
            // e.g. no display: say so in one line and point at the command line
            System.err.println("MNIST Studio: cannot open the window (" + e.getMessage() + ").");
            System.err.println("The command line works without a display: try 'java -jar mnist-studio.jar --help'.");
            System.exit(1);
        }
        // Training and inference threads are daemons; end any native thread pools with the window.
        System.exit(0);
    }
}
