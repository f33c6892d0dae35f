package org.mniststudio.infer;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.mniststudio.data.AtomicFiles;

/**
 * Reads PNG, JPEG, GIF and BMP files into {@link GrayImage}s and writes grey PNGs.
 *
 * <p>Image files come from the user and may be anything, so reading is defensive: the size is taken from
 * the header and checked before a single pixel is allocated, and every failure, including the unchecked
 * exceptions that ImageIO decoders throw on malformed input, becomes an {@link ImageFileException} whose
 * message names the file and the problem.
 */
public final class ImageFiles {
    /** Longest side accepted: larger than any camera, far below what would exhaust memory. */
    public static final int MAX_SIDE = 20_000;
    /**
     * Most pixels accepted: a 40-megapixel photo. Decoded as ARGB plus its grey copy this is ~320 MB, the
     * most we are willing to spend on one input image.
     */
    public static final long MAX_PIXELS = 40_000_000L;

    /** ImageIO format names we accept; other installed readers (TIFF, WBMP...) are not offered. */
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");
    private static final String FORMAT_LIST = "a PNG, JPEG, GIF or BMP image";

    private ImageFiles() {
    }

    /** Decodes {@code file} (PNG, JPEG, GIF or BMP; the first frame of an animated GIF) to grey. */
    public static GrayImage read(Path file) throws ImageFileException {
        BufferedImage decoded = decode(file);
        try {
            return GrayImage.fromBufferedImage(decoded);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * Writes {@code image} as an 8-bit grey PNG. The PNG is written to a temporary file in the same folder
     * and then moved over {@code file}, so a reader never sees a half-written file and a failure leaves any
     * previous file untouched.
     */
    public static void writePng(GrayImage image, Path file) throws ImageFileException {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = AtomicFiles.newTempFileBeside(target);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                encodePng(toGreyImage(image), out);
                channel.force(true); // the bytes are on disk before the move makes them visible
            }
            AtomicFiles.moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException(file, "could not be written (" + describe(e) + ")", e);
        } finally {
            deleteQuietly(temp); // only still there if something failed
        }
    }

    private static BufferedImage decode(Path file) throws ImageFileException {
        checkReadableFile(file);
        ImageInputStream opened;
        try {
            opened = open(file);
        } catch (IOException e) {
            throw new ImageFileException(file, "cannot be read (" + describe(e) + ")", e);
        }
        try (ImageInputStream in = opened) {
            ImageReader reader = findReader(file, in);
            try {
                reader.setInput(in, true, false);
                // Header only: the decoders read just far enough to know the size.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkSize(file, width, height);
                List<String> truncation = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (isTruncationWarning(warning)) {
                        truncation.add(warning);
                    }
                });
                BufferedImage image = decodePixels(file, reader, width, height);
                // The JPEG decoder fills a truncated image with grey and only warns; refuse it like the others.
                if (!truncation.isEmpty()) {
                    throw new ImageFileException(file, "is truncated or corrupt (" + truncation.get(0) + ")");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    private static BufferedImage decodePixels(Path file, ImageReader reader, int width, int height)
            throws IOException {
        try {
            return reader.read(0);
        } catch (OutOfMemoryError e) {
            // Within the size limit but not within this JVM's heap. The failed allocation is the decoded
            // raster itself, which is garbage again at once, so reporting it leaves the application sound.
            throw new ImageFileException(file, "is " + width + " x " + height
                    + " pixels, too large for the memory available", e);
        }
    }

    private static void checkReadableFile(Path file) throws ImageFileException {
        if (Files.isDirectory(file)) {
            throw new ImageFileException(file, "is a folder, not an image file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageFileException(file, "was not found", e);
        } catch (IOException e) {
            throw new ImageFileException(file, "cannot be read (" + describe(e) + ")", e);
        }
        if (size == 0) {
            throw new ImageFileException(file, "is empty");
        }
        if (!Files.isReadable(file)) {
            throw new ImageFileException(file, "cannot be read (permission denied)");
        }
    }

    private static ImageInputStream open(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            return new FileImageInputStream(file.toFile()); // seekable, no cache copy
        }
        InputStream raw = Files.newInputStream(file); // e.g. a zip or in-memory file system
        return new MemoryCacheImageInputStream(raw) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    raw.close(); // MemoryCacheImageInputStream leaves the wrapped stream open
                }
            }
        };
    }

    private static ImageReader findReader(Path file, ImageInputStream in) throws ImageFileException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in); // tells the format from the content
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (chosen == null && isAcceptedFormat(reader)) {
                chosen = reader;
            } else {
                reader.dispose();
            }
        }
        if (chosen == null) {
            throw new ImageFileException(file, "is not " + FORMAT_LIST);
        }
        return chosen;
    }

    private static boolean isAcceptedFormat(ImageReader reader) {
        if (reader.getOriginatingProvider() == null) {
            return false;
        }
        for (String name : reader.getOriginatingProvider().getFormatNames()) {
            if (FORMATS.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static void checkSize(Path file, int width, int height) throws ImageFileException {
        if (width <= 0 || height <= 0) {
            throw new ImageFileException(file, "is truncated or corrupt (its header gives a size of "
                    + width + " x " + height + " pixels)");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new ImageFileException(file, "is " + width + " x " + height + " pixels; the limit is "
                    + MAX_SIDE + " pixels per side and " + MAX_PIXELS / 1_000_000 + " million pixels in all");
        }
    }

    private static boolean isTruncationWarning(String warning) {
        String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return text.contains("truncat") || text.contains("premature end");
    }

    private static ImageFileException corrupt(Path file, Exception e) {
        return new ImageFileException(file, "is truncated or corrupt (" + describe(e) + ")", e);
    }

    /** One line about what went wrong, including the underlying cause ImageIO often wraps. */
    static String describe(Throwable e) {
        String text = ownMessage(e);
        Throwable cause = e.getCause();
        if (e instanceof IIOException && cause != null && cause != e) {
            text += ": " + ownMessage(cause);
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String ownMessage(Throwable e) {
        if (e instanceof EOFException) {
            return "unexpected end of file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static BufferedImage toGreyImage(GrayImage image) {
        int width = image.width();
        BufferedImage grey = new BufferedImage(width, image.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = grey.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < width; x++) {
                row[x] = Math.round(image.get(x, y) * 255f);
            }
            raster.setSamples(0, y, width, 1, 0, row);
        }
        return grey;
    }

    private static void encodePng(BufferedImage image, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG encoder is installed");
        }
        ImageWriter writer = writers.next();
        // An explicit memory-cached stream: ImageIO.write(..., OutputStream) may spill to a cache file in
        // the system temp folder, which we neither want nor control.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray temporary file is harmless; the real error, if any, is already being reported
        }
    }
}
