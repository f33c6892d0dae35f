package org.mniststudio.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
public final class IdxFiles {
    private IdxFiles() {
    }

    public static byte[] images(int count, int rows, int cols, int magic, long claimedCount, int pixelBytes) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            out.writeInt((int) claimedCount);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < pixelBytes; i++) {
                out.writeByte((i * 7 + count) & 0xff);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A valid image file of {@code count} 28x28 images whose pixel i of image k is (k + i) & 0xff. */
    public static byte[] images(int count) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MnistIdxReader.IMAGE_MAGIC);
            out.writeInt(count);
            out.writeInt(28);
            out.writeInt(28);
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < 784; i++) {
                    out.writeByte((k + i) & 0xff);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] labels(int... labels) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MnistIdxReader.LABEL_MAGIC);
            out.writeInt(labels.length);
            for (int l : labels) {
                out.writeByte(l);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                out.write(raw);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }
}
