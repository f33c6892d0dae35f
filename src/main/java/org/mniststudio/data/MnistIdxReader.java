package org.mniststudio.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST): 28x28 unsigned-byte images and 0-9 labels,
 * gzipped or raw (told from the first two bytes, not the file name).
 *
 * <p>The header is never trusted for an allocation size: the payload is read as it comes, up to a fixed
 * limit, and only then compared with what the header claimed. A file whose header claims 2^31 images
 * therefore fails with "truncated" after reading what is really there, not with an OutOfMemoryError.
 */
public final class MnistIdxReader {
    public static final int IMAGE_MAGIC = 0x00000803;
    public static final int LABEL_MAGIC = 0x00000801;
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;
    /** The most images a file may hold: 1.2 M images (940 MB of pixels), 20x MNIST. */
    public static final int MAX_IMAGES = 1_200_000;

    private MnistIdxReader() {
    }

    /** Raw pixels (0-255 as unsigned bytes), row-major, {@code count * 784} long. */
    public record Images(int count, byte[] pixels) {
    }

    public static Images readImages(InputStream in, String fileName) throws IOException {
        InputStream data = decompressIfGzipped(in, fileName);
        int magic = readHeaderInt(data, fileName);
        if (magic != IMAGE_MAGIC) {
            throw new DatasetException(fileName + ": not an IDX image file (magic number 0x"
                    + String.format("%08x", magic) + ", expected 0x00000803)");
        }
        long count = Integer.toUnsignedLong(readHeaderInt(data, fileName));
        long rows = Integer.toUnsignedLong(readHeaderInt(data, fileName));
        long cols = Integer.toUnsignedLong(readHeaderInt(data, fileName));
        if (rows != SIDE || cols != SIDE) {
            throw new DatasetException(fileName + ": images are " + rows + "x" + cols
                    + " pixels; MNIST Studio needs 28x28");
        }
        if (count == 0) {
            throw new DatasetException(fileName + ": the header says the file holds no images");
        }
        if (count > MAX_IMAGES) {
            throw new DatasetException(fileName + ": the header claims " + count
                    + " images, more than the limit of " + MAX_IMAGES);
        }
        long expected = count * PIXELS;
        byte[] pixels = readUpTo(data, expected, fileName);
        if (pixels.length < expected) {
            throw new DatasetException(fileName + ": truncated: the header claims " + count + " images ("
                    + expected + " bytes) but the file holds only " + pixels.length + " bytes of pixels");
        }
        ensureEnd(data, fileName);
        return new Images((int) count, pixels);
    }

    public static byte[] readLabels(InputStream in, String fileName) throws IOException {
        InputStream data = decompressIfGzipped(in, fileName);
        int magic = readHeaderInt(data, fileName);
        if (magic != LABEL_MAGIC) {
            throw new DatasetException(fileName + ": not an IDX label file (magic number 0x"
                    + String.format("%08x", magic) + ", expected 0x00000801)");
        }
        long count = Integer.toUnsignedLong(readHeaderInt(data, fileName));
        if (count == 0) {
            throw new DatasetException(fileName + ": the header says the file holds no labels");
        }
        if (count > MAX_IMAGES) {
            throw new DatasetException(fileName + ": the header claims " + count
                    + " labels, more than the limit of " + MAX_IMAGES);
        }
        byte[] labels = readUpTo(data, count, fileName);
        if (labels.length < count) {
            throw new DatasetException(fileName + ": truncated: the header claims " + count
                    + " labels but the file holds only " + labels.length);
        }
        ensureEnd(data, fileName);
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= CLASSES) {
                throw new DatasetException(fileName + ": label " + label + " at index " + i
                        + " is out of range 0-9");
            }
        }
        return labels;
    }

    private static InputStream decompressIfGzipped(InputStream in, String fileName) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            } catch (ZipException | EOFException e) {
                throw new DatasetException(fileName + ": corrupt gzip header (" + e.getMessage() + ")", e);
            }
        }
        return buffered;
    }

    private static int readHeaderInt(InputStream in, String fileName) throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = readByte(in, fileName);
            if (b < 0) {
                throw new DatasetException(fileName + ": truncated: the file ends inside its header");
            }
            value = (value << 8) | b;
        }
        return value;
    }

    private static int readByte(InputStream in, String fileName) throws IOException {
        try {
            return in.read();
        } catch (ZipException | EOFException e) {
            throw new DatasetException(fileName + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Reads at most {@code limit} bytes, growing the buffer only as real data arrives. */
    private static byte[] readUpTo(InputStream in, long limit, String fileName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 1 << 20));
        byte[] buffer = new byte[1 << 16];
        long remaining = limit;
        try {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        } catch (ZipException | EOFException e) {
            throw new DatasetException(fileName + ": corrupt or truncated gzip data after "
                    + out.size() + " bytes (" + e.getMessage() + ")", e);
        }
        return out.toByteArray();
    }

    private static void ensureEnd(InputStream in, String fileName) throws IOException {
        if (readByte(in, fileName) >= 0) {
            throw new DatasetException(fileName + ": holds more data than its header declares");
        }
    }
}
