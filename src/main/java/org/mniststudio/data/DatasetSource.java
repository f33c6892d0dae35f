package org.mniststudio.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the four IDX files of a data set come from: the MNIST files bundled with the application
 * (class path {@code /assets/mnist/}), or a directory such as Debian's Fashion-MNIST.
 *
 * <p>Files may be gzipped ({@code name.gz}) or raw. When the source has a {@code SHA256SUMS} file (the
 * bundled one always does) every file is checked against it while it is read, so a damaged install is
 * reported instead of silently training on bad data.
 */
public final class DatasetSource {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final String BUNDLED_ROOT = "/assets/mnist/";

    private final String description;
    private final Path directory; // null for the bundled data
    private final Map<String, String> checksums;

    private DatasetSource(String description, Path directory, Map<String, String> checksums) {
        this.description = description;
        this.directory = directory;
        this.checksums = checksums;
    }

    /** The MNIST files shipped inside the application. */
    public static DatasetSource bundled() throws IOException {
        try (InputStream sums = DatasetSource.class.getResourceAsStream(BUNDLED_ROOT + "SHA256SUMS")) {
            if (sums == null) {
                throw new DatasetException("the bundled MNIST data is missing from this installation ("
                        + BUNDLED_ROOT + "SHA256SUMS not found)");
            }
            return new DatasetSource("MNIST", null, parseSums(sums));
        }
    }

    /** A directory holding train-images-idx3-ubyte[.gz] and the three other IDX files. */
    public static DatasetSource directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": no such directory");
        }
        Path sums = dir.resolve("SHA256SUMS");
        Map<String, String> checksums = Map.of();
        if (Files.isRegularFile(sums)) {
            try (InputStream in = Files.newInputStream(sums)) {
                checksums = parseSums(in);
            }
        }
        return new DatasetSource(dir.toAbsolutePath().normalize().toString(), dir, checksums);
    }

    public String description() {
        return description;
    }

    public DigitDataset loadTraining() throws IOException {
        return load(TRAIN_IMAGES, TRAIN_LABELS, description + " training set");
    }

    public DigitDataset loadTest() throws IOException {
        return load(TEST_IMAGES, TEST_LABELS, description + " test set");
    }

    private DigitDataset load(String imagesBase, String labelsBase, String name) throws IOException {
        String imageFile = resolveName(imagesBase);
        String labelFile = resolveName(labelsBase);
        MnistIdxReader.Images images;
        try (InputStream in = open(imageFile)) {
            images = MnistIdxReader.readImages(in, displayName(imageFile));
        }
        byte[] labels;
        try (InputStream in = open(labelFile)) {
            labels = MnistIdxReader.readLabels(in, displayName(labelFile));
        }
        return DigitDataset.fromIdx(name, images, labels, displayName(imageFile), displayName(labelFile));
    }

    /** The name of the file present for a base name: {@code base.gz} or {@code base}. */
    private String resolveName(String base) throws DatasetException {
        for (String candidate : new String[] {base + ".gz", base}) {
            if (directory == null ? DatasetSource.class.getResource(BUNDLED_ROOT + candidate) != null
                    : Files.isRegularFile(directory.resolve(candidate))) {
                return candidate;
            }
        }
        throw new DatasetException(displayName(base) + "[.gz]: not found in " + description);
    }

    private String displayName(String fileName) {
        return directory == null ? "bundled " + fileName : directory.resolve(fileName).toString();
    }

    /** Opens a file; if a checksum is known, the stream verifies it when it reaches its end. */
    private InputStream open(String fileName) throws IOException {
        InputStream raw;
        if (directory == null) {
            raw = DatasetSource.class.getResourceAsStream(BUNDLED_ROOT + fileName);
            if (raw == null) {
                throw new DatasetException(displayName(fileName) + ": not found");
            }
        } else {
            try {
                raw = Files.newInputStream(directory.resolve(fileName));
            } catch (NoSuchFileException e) {
                throw new DatasetException(displayName(fileName) + ": not found", e);
            }
        }
        String expected = checksums.get(fileName);
        return expected == null ? raw : new VerifyingStream(raw, expected, displayName(fileName));
    }

    private static Map<String, String> parseSums(InputStream in) throws IOException {
        Map<String, String> sums = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        while ((line = reader.readLine()) != null) {
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length == 2 && parts[0].matches("[0-9a-fA-F]{64}")) {
                sums.put(parts[1].trim(), parts[0].toLowerCase());
            }
        }
        return sums;
    }

    /**
     * Hashes everything read through it and checks the digest at end of file and again on close (reading
     * the rest first), so a truncated or altered file is caught however far the reader got.
     */
    private static final class VerifyingStream extends DigestInputStream {
        private final String expected;
        private final String name;
        private boolean checked;

        VerifyingStream(InputStream in, String expected, String name) {
            super(in, sha256());
            this.expected = expected;
            this.name = name;
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!checked) {
                    byte[] rest = new byte[1 << 16];
                    while (super.read(rest, 0, rest.length) >= 0) {
                        // drain: the digest covers the whole file
                    }
                    check();
                }
            } finally {
                super.close();
            }
        }

        private void check() throws DatasetException {
            if (checked) {
                return;
            }
            checked = true;
            String actual = HexFormat.of().formatHex(getMessageDigest().digest());
            if (!actual.equals(expected)) {
                throw new DatasetException(name + ": checksum mismatch (SHA-256 " + actual + ", expected "
                        + expected + "); the file is damaged");
            }
        }
    }
}
