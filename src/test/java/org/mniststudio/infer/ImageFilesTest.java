package org.mniststudio.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("missing-digit.png");

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "not found");
    }

    @Test
    void textFileNamedPngIsNotAnImage() throws IOException {
        Path file = dir.resolve("notes.png");
        Files.writeString(file, "these are not the pixels you are looking for\n");

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "is not a PNG, JPEG, GIF or BMP image");
    }

    @Test
    void emptyFileIsReported() throws IOException {
        Path file = dir.resolve("empty.png");
        Files.createFile(file);

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "is empty");
    }

    @Test
    void truncatedPngIsReported() throws IOException {
        Path file = truncated("half.png", "png");

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "is truncated or corrupt");
    }

    @Test
    void truncatedJpegIsReportedThoughTheDecoderOnlyWarns() throws IOException {
        Path file = truncated("half.jpg", "jpeg");

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "is truncated or corrupt");
    }

    @Test
    void truncatedGifAndBmpAreReported() throws IOException {
        for (String format : new String[] {"gif", "bmp"}) {
            Path file = truncated("half." + format, format);

            ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

            assertMessage(e, file, "is truncated or corrupt");
        }
    }

    @Test
    void hugeImageIsRefusedFromItsHeaderAlone() throws IOException {
        Path file = dir.resolve("bomb.png");
        Files.write(file, pngHeaderOnly(100_000, 100_000));

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "is 100000 x 100000 pixels; the limit is");
    }

    @Test
    void oneSideTooLongIsRefusedEvenWithFewPixels() throws IOException {
        Path file = dir.resolve("ribbon.png");
        Files.write(file, pngHeaderOnly(ImageFiles.MAX_SIDE + 1, 1));

        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file));

        assertMessage(e, file, "is " + (ImageFiles.MAX_SIDE + 1) + " x 1 pixels");
    }

    @Test
    void folderIsNotAnImage() {
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(dir));

        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void writePngRoundTripKeepsThePixels() throws IOException {
        Random random = new Random(3);
        float[] values = new float[37 * 23];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        values[0] = 0f;
        values[1] = 1f;
        GrayImage image = GrayImage.of(37, 23, values);
        Path file = dir.resolve("round-trip.png");

        ImageFiles.writePng(image, file);
        GrayImage back = ImageFiles.read(file);

        assertEquals(37, back.width());
        assertEquals(23, back.height());
        float[] read = back.toArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], read[i], 1f / 255f + 1e-6f, "pixel " + i);
        }
    }

    @Test
    void writePngReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("digit.png");
        Files.writeString(file, "old contents");

        ImageFiles.writePng(GrayImage.filled(5, 4, 0.5f), file);

        assertEquals(0.5f, ImageFiles.read(file).get(4, 3), 1f / 255f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the PNG itself is left");
        }
    }

    @Test
    void readsColourJpegGifAndBmpAsGrey() throws IOException {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                image.setRGB(x, y, x < 10 ? 0x000000 : 0xffffff);
            }
        }
        for (String format : new String[] {"jpeg", "gif", "bmp", "png"}) {
            Path file = dir.resolve("halves." + format);
            assertTrue(ImageIO.write(image, format, file.toFile()), format);

            GrayImage grey = ImageFiles.read(file);

            assertEquals(0f, grey.get(2, 5), 0.05f, format + " black half");
            assertEquals(1f, grey.get(17, 5), 0.05f, format + " white half");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertMessage(ImageFileException e, Path file, String problem) {
        String message = e.getMessage();
        assertTrue(message.contains(file.getFileName().toString()), "names the file: " + message);
        assertTrue(message.contains(problem), "says '" + problem + "': " + message);
        assertTrue(!message.contains("\n"), "one line: " + message);
    }

    /** A real image of random colours (so it compresses badly) cut off after half of its bytes. */
    private Path truncated(String name, String format) throws IOException {
        Random random = new Random(11);
        BufferedImage noise = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(noise, format, bytes), format);
        byte[] whole = bytes.toByteArray();
        Path file = dir.resolve(name);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        return file;
    }

    /** A PNG signature, an IHDR chunk (8-bit RGB) claiming the given size with a valid CRC, then IEND. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width).putInt(height)
                .put((byte) 8)  // bit depth
                .put((byte) 2)  // colour type: RGB
                .put((byte) 0)  // compression
                .put((byte) 0)  // filter
                .put((byte) 0); // interlace
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.writeBytes(chunk("IHDR", ihdr.array()));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue())
                .array();
    }
}
