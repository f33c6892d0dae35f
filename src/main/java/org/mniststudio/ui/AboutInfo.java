package org.mniststudio.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.mniststudio.model.AppInfo;

/** What the About dialog says: versions and credits. */
public final class AboutInfo {
    private AboutInfo() {
    }

    public static String title() {
        return AppInfo.NAME + " " + AppInfo.version();
    }

    public static String text() {
        return "Draw digits and see them classified, watch a network train live, and browse the test images it gets wrong.\n\n"
                + "Deeplearning4j " + dl4jVersion() + "\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "unknown") + "\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n\n"
                + "Data: the MNIST database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher "
                + "J. C. Burges (http://yann.lecun.com/exdb/mnist/), made from NIST Special Databases 1 and 3; "
                + "distributed under the Creative Commons Attribution-Share Alike 3.0 licence.";
    }

    /** The DL4J version on the class path, from its Maven metadata. */
    public static String dl4jVersion() {
        try (InputStream in = AboutInfo.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    /** The keyboard shortcuts, one per line, for the Help menu. */
    public static String shortcuts() {
        return """
                Ctrl+O          Open a model file
                Ctrl+I          Open an image file to classify
                Ctrl+S          Save the drawing as PNG
                Ctrl+Shift+S    Save the trained model
                Ctrl+Z          Undo the last stroke
                Esc, Delete     Clear the canvas
                Ctrl+1 / 2 / 3  Draw, Train, Mistakes tab
                Ctrl+Enter      Start training
                Ctrl+P          Pause or resume training
                Ctrl+.          Stop training
                F1              About MNIST Studio
                Ctrl+Q          Quit""";
    }
}
