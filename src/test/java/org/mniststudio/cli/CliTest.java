package org.mniststudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.TestData;
import org.mniststudio.infer.Classifier;
import org.mniststudio.infer.DigitInput;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.TrainedModel;

/** Each command through picocli, as a person would type it; stdout and stderr captured. */
class CliTest {
    @TempDir
    static Path dir;
    static Path model;

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CliMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainASmallModel() {
        model = dir.resolve("small.zip");
        Result r = run("train", "--preset", "mlp-small", "--epochs", "2", "--limit", "6000", "--seed", "3",
                "--out", model.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch 2:"), r.out());
        assertTrue(r.out().contains("test accuracy"), r.out());
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void trainSavesAModelWithItsHistoryAndTestMetrics() throws IOException {
        TrainedModel trained = ModelFile.load(model);
        assertEquals("mlp-small", trained.metadata().preset());
        assertEquals(2, trained.metadata().history().size());
        assertEquals(5400, trained.metadata().trainingImages());
        assertEquals(600, trained.metadata().validationImages());
        assertTrue(trained.metadata().test().accuracy() > 0.8, "accuracy " + trained.metadata().test().accuracy());
        assertEquals(3, trained.metadata().hyperParameters().seed());
        assertTrue(trained.metadata().command().contains("--preset mlp-small"));
    }

    @Test
    void trainFromASavedModelFineTunesIt() throws IOException {
        Path tuned = dir.resolve("tuned.zip");
        Result r = run("train", "--from", model.toString(), "--epochs", "1", "--limit", "3000",
                "--learning-rate", "0.0005", "--out", tuned.toString());
        assertEquals(0, r.exit(), r.err());
        TrainedModel before = ModelFile.load(model);
        TrainedModel after = ModelFile.load(tuned);
        assertEquals("mlp-small", after.metadata().preset(), "the preset of the model fine-tuned is kept");
        assertEquals(1, after.metadata().history().size());
        assertNotEquals(before.network().params(), after.network().params(), "the weights did not change");
        // it starts from the trained weights: one short epoch keeps (or improves) what the model knew
        assertTrue(after.metadata().test().accuracy() > before.metadata().test().accuracy() - 0.03,
                before.metadata().test().accuracy() + " -> " + after.metadata().test().accuracy());
    }

    @Test
    void evaluateJsonIsOneObjectWithAccuracyLossAndConfusion() {
        Result r = run("evaluate", "--model", model.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, r.out());
        JsonObject json = JsonParser.parseString(lines[0]).getAsJsonObject();
        double accuracy = json.get("accuracy").getAsDouble();
        assertTrue(accuracy > 0.8 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(json.get("loss").getAsDouble() > 0);
        JsonArray confusion = json.getAsJsonArray("confusion");
        assertEquals(10, confusion.size());
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            JsonArray row = confusion.get(t).getAsJsonArray();
            assertEquals(10, row.size());
            for (int p = 0; p < 10; p++) {
                total += row.get(p).getAsLong();
                if (p == t) {
                    diagonal += row.get(p).getAsLong();
                }
            }
        }
        assertEquals(10_000, total);
        assertEquals(accuracy, diagonal / 10_000.0, 1e-9);
        assertEquals(10, json.getAsJsonArray("precision").size());
    }

    @Test
    void evaluateTableShowsTheConfusionMatrix() {
        Result r = run("evaluate", "--model", model.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("confusion matrix"), r.out());
        assertTrue(r.out().contains("accuracy"), r.out());
    }

    @Test
    void predictClassifiesImageFilesLikeTheNetworkSeesMnist() throws IOException {
        TrainedModel trained = ModelFile.load(model);
        Classifier classifier = new Classifier(trained.network());
        int checked = 0;
        for (int i = 0; i < 8; i++) {
            float[] pixels = TestData.test().image(i);
            // The image as a person might save it: 5x larger, dark ink on white.
            Path png = dir.resolve("digit" + i + ".png");
            writeScaledInverted(pixels, 5, png);
            Result r = run("predict", "--model", model.toString(), "--json", png.toString());
            assertEquals(0, r.exit(), r.err());
            JsonObject json = JsonParser.parseString(r.out().strip()).getAsJsonObject();
            assertEquals(png.toString(), json.get("file").getAsString());
            JsonArray p = json.getAsJsonArray("probabilities");
            assertEquals(10, p.size());
            double sum = 0;
            for (int d = 0; d < 10; d++) {
                sum += p.get(d).getAsDouble();
            }
            assertEquals(1.0, sum, 1e-3);
            int expected = classifier.classify(DigitInput.of(pixels)).digit();
            if (json.get("digit").getAsInt() == expected) {
                checked++;
            }
        }
        assertTrue(checked >= 7, "the file path agreed with the raw 28x28 on only " + checked + " of 8 images");
    }

    @Test
    void predictReportsBadFilesPerLineAndGoesOn() throws IOException {
        Path good = dir.resolve("good.png");
        writeScaledInverted(TestData.test().image(0), 4, good);
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        Path blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        Result r = run("predict", "--model", model.toString(), "--json", good.toString(), text.toString(),
                blank.toString(), dir.resolve("missing.png").toString());
        assertEquals(0, r.exit(), "one image could be classified: " + r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(JsonParser.parseString(lines[0]).getAsJsonObject().has("digit"));
        for (int i = 1; i < 4; i++) {
            JsonObject json = JsonParser.parseString(lines[i]).getAsJsonObject();
            assertTrue(json.has("error"), lines[i]);
            assertFalse(json.has("digit"), lines[i]);
        }
        assertTrue(lines[1].contains("notes.png"), lines[1]);
        assertTrue(lines[2].contains("no digit"), lines[2]);
    }

    @Test
    void predictFailsWhenNothingCouldBeClassified() throws IOException {
        Path text = Files.writeString(dir.resolve("only.png"), "not an image");
        Result r = run("predict", "--model", model.toString(), text.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().split("\n").length, "one line on stderr: " + r.err());
    }

    @Test
    void errorsAreOneClearLine() {
        Result badModel = run("evaluate", "--model", dir.resolve("nope.zip").toString());
        assertNotEquals(0, badModel.exit());
        assertTrue(badModel.err().contains("nope.zip: not found"), badModel.err());
        assertEquals(1, badModel.err().strip().split("\n").length, badModel.err());

        Result badRate = run("train", "--preset", "mlp-small", "--learning-rate", "10", "--out",
                dir.resolve("x.zip").toString());
        assertNotEquals(0, badRate.exit());
        assertTrue(badRate.err().contains("learning rate"), badRate.err());

        Result badPreset = run("train", "--preset", "resnet", "--out", dir.resolve("x.zip").toString());
        assertNotEquals(0, badPreset.exit());
        assertTrue(badPreset.err().contains("unknown preset 'resnet'"), badPreset.err());

        Result badData = run("evaluate", "--model", model.toString(), "--data", dir.resolve("nodata").toString());
        assertNotEquals(0, badData.exit());
        assertTrue(badData.err().contains("no such directory"), badData.err());
        assertFalse(Files.exists(dir.resolve("x.zip")));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "evaluate", "predict"}) {
            Result r = run(command, "--help");
            assertEquals(0, r.exit());
            assertTrue(r.out().contains("Usage: mnist-studio " + command), r.out());
        }
    }

    static void writeScaledInverted(float[] pixels, int scale, Path file) throws IOException {
        BufferedImage image = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28 * scale; y++) {
            for (int x = 0; x < 28 * scale; x++) {
                int v = 255 - Math.round(pixels[(y / scale) * 28 + x / scale] * 255);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
