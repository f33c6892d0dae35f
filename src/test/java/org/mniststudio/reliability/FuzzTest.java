package org.mniststudio.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.data.DatasetException;
import org.mniststudio.data.IdxFiles;
import org.mniststudio.data.MnistIdxReader;
import org.mniststudio.infer.DigitPreprocessor;
import org.mniststudio.infer.ImageFileException;
import org.mniststudio.infer.ImageFiles;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelFileException;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.NetworkFactory;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;

/**
 * Every parser the project has, fed thousands of mutated inputs from a fixed seed: each input gets a result
 * or the parser's own clear exception; nothing else escapes (no OutOfMemoryError, no runtime exception) and
 * nothing hangs (the timeouts).
 */
class FuzzTest {
    @TempDir
    Path dir;

    /** Flips, overwrites, truncates, duplicates or inserts bytes; sometimes plants extreme header values. */
    static byte[] mutate(byte[] input, Random random) {
        byte[] b = input.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> {
                int at = random.nextInt(Math.max(1, Math.min(b.length, 24)) - 0);
                int value = switch (random.nextInt(4)) {
                    case 0 -> Integer.MAX_VALUE;
                    case 1 -> Integer.MIN_VALUE;
                    case 2 -> -1;
                    default -> random.nextInt();
                };
                for (int k = 0; k < 4 && at + k < b.length; k++) {
                    b[at + k] = (byte) (value >>> (24 - 8 * k));
                }
            }
            case 3 -> {
                int from = random.nextInt(b.length);
                int len = random.nextInt(Math.min(64, b.length - from) + 1);
                byte[] longer = new byte[b.length + len];
                System.arraycopy(b, 0, longer, 0, from + len);
                System.arraycopy(b, from, longer, from + len, b.length - from);
                b = longer;
            }
            case 4 -> {
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(32));
                for (int k = 0; k < len; k++) {
                    b[at + k] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int cut = random.nextInt(b.length);
                b = Arrays.copyOfRange(b, cut, b.length);
            }
        }
        return b.length == 0 ? new byte[] {0} : b;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void idxReaderSurvivesMutatedFiles() {
        byte[][] seeds = {IdxFiles.images(5), IdxFiles.gzip(IdxFiles.images(5)), IdxFiles.labels(1, 2, 3, 4, 5),
                IdxFiles.gzip(IdxFiles.labels(1, 2, 3, 4, 5))};
        Random random = new Random(20261121);
        int results = 0;
        int errors = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] input = mutate(seeds[i % seeds.length], random);
            try {
                if (i % 4 < 2) {
                    MnistIdxReader.readImages(new ByteArrayInputStream(input), "fuzz" + i);
                } else {
                    MnistIdxReader.readLabels(new ByteArrayInputStream(input), "fuzz" + i);
                }
                results++;
            } catch (DatasetException e) {
                assertTrue(e.getMessage().startsWith("fuzz" + i), e.getMessage());
                errors++;
            } catch (Throwable t) {
                fail("input " + i + " escaped with " + t, t);
            }
        }
        assertTrue(errors > 2500, "most mutations must be refused, got " + errors + " errors, " + results + " results");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void imageLoaderSurvivesMutatedFiles() throws IOException {
        BufferedImage digit = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        var g = digit.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(java.awt.Color.BLACK);
        g.setStroke(new java.awt.BasicStroke(4));
        g.drawOval(10, 6, 20, 28);
        g.dispose();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String format : List.of("png", "jpg", "gif", "bmp")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(digit, format, out);
            seeds.put(format, out.toByteArray());
        }
        DigitPreprocessor preprocessor = new DigitPreprocessor();
        Random random = new Random(7);
        int errors = 0;
        List<String> formats = List.copyOf(seeds.keySet());
        for (int i = 0; i < 2000; i++) {
            String format = formats.get(i % formats.size());
            Path file = dir.resolve("fuzz" + i + "." + format);
            Files.write(file, mutate(seeds.get(format), random));
            try {
                preprocessor.process(ImageFiles.read(file));
            } catch (ImageFileException e) {
                assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
                errors++;
            } catch (Throwable t) {
                fail(file + " escaped with " + t, t);
            } finally {
                Files.delete(file);
            }
        }
        assertTrue(errors > 100, "only " + errors + " mutated images were refused");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void modelLoaderSurvivesMutatedFiles() throws IOException {
        Preset preset = Preset.MLP_SMALL;
        TrainedModel model = new TrainedModel(NetworkFactory.build(preset, preset.defaults()),
                ModelMetadata.imported("now"), "fuzz");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        ModelFile.write(model, zipped);
        byte[] zip = zipped.toByteArray();
        Map<String, byte[]> entries = unzip(zip);
        Random random = new Random(11);
        int errors = 0;
        for (int i = 0; i < 400; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = mutate(zip, random); // the archive itself
            } else { // a well-formed archive with one mutated entry
                Map<String, byte[]> copy = new LinkedHashMap<>(entries);
                String victim = List.copyOf(copy.keySet()).get(random.nextInt(copy.size()));
                copy.put(victim, mutate(copy.get(victim), random));
                input = zip(copy);
            }
            try {
                ModelFile.read(new ByteArrayInputStream(input), "fuzz" + i);
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().startsWith("fuzz" + i + ": "), e.getMessage());
                errors++;
            } catch (Throwable t) {
                fail("model input " + i + " escaped with " + t, t);
            }
        }
        assertTrue(errors > 150, "only " + errors + " mutated models were refused");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aZipBombInAModelFileIsRefusedAtTheLimit() throws IOException {
        // 1 GB of zeros compresses to about 1 MB
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("configuration.json"));
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("coefficients.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 5L << 20);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(bomb));
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        return bytes.toByteArray();
    }
}
