package org.mniststudio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistIdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzippedImagesAlike() throws IOException {
        byte[] raw = IdxFiles.images(3);
        MnistIdxReader.Images plain = MnistIdxReader.readImages(new ByteArrayInputStream(raw), "a");
        MnistIdxReader.Images zipped = MnistIdxReader.readImages(new ByteArrayInputStream(IdxFiles.gzip(raw)), "b");
        assertEquals(3, plain.count());
        assertEquals(3 * 784, plain.pixels().length);
        assertArrayEquals(plain.pixels(), zipped.pixels());
        assertEquals((byte) 2, plain.pixels()[784 * 2]); // image 2, pixel 0 = (2 + 0)
        assertEquals((byte) ((1 + 300) & 0xff), plain.pixels()[784 + 300]);
    }

    @Test
    void scalesPixelsToUnitRange() throws IOException {
        DatasetSource source = directory(IdxFiles.images(2), IdxFiles.labels(3, 9));
        DigitDataset set = source.loadTest();
        assertEquals(2, set.size());
        assertEquals(9, set.label(1));
        float[] image = set.image(1);
        assertEquals(1 / 255f, image[0], 1e-7);
        assertEquals(255 / 255f, image[254], 1e-7);
        for (float v : image) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void wrongMagicNumberIsNamed() {
        byte[] labelsAsImages = IdxFiles.labels(1, 2, 3);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(labelsAsImages), "x-images.idx"));
        assertTrue(e.getMessage().contains("x-images.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("magic number 0x00000801"), e.getMessage());
    }

    @Test
    void truncatedPixelsAreReported() {
        byte[] full = IdxFiles.images(4);
        byte[] cut = Arrays.copyOf(full, full.length - 100);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(cut), "cut.idx"));
        assertTrue(e.getMessage().contains("cut.idx: truncated"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() {
        byte[] cut = Arrays.copyOf(IdxFiles.images(1), 9);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(cut), "h.idx"));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(cut), "cut.gz"));
        assertTrue(e.getMessage().startsWith("cut.gz: "), e.getMessage());
    }

    @Test
    void headerClaimingHugeCountIsRefusedWithoutAllocating() {
        // claims 2^31 - 1 images but holds one: never trusted for an allocation
        byte[] lying = IdxFiles.images(1, 28, 28, MnistIdxReader.IMAGE_MAGIC, Integer.MAX_VALUE, 784);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(lying), "liar.idx"));
        assertTrue(e.getMessage().contains("liar.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void headerClaimingMoreThanTheFileHoldsIsTruncation() {
        byte[] lying = IdxFiles.images(1, 28, 28, MnistIdxReader.IMAGE_MAGIC, 1000, 784 * 3);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(lying), "short.idx"));
        assertTrue(e.getMessage().contains("claims 1000 images"), e.getMessage());
        assertTrue(e.getMessage().contains("only 2352 bytes"), e.getMessage());
    }

    @Test
    void imagesOfAnotherSizeAreRefused() {
        byte[] small = IdxFiles.images(1, 32, 32, MnistIdxReader.IMAGE_MAGIC, 1, 1024);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readImages(new ByteArrayInputStream(small), "cifar.idx"));
        assertTrue(e.getMessage().contains("32x32"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsNamedWithItsIndex() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readLabels(new ByteArrayInputStream(IdxFiles.labels(1, 2, 12)), "l.idx"));
        assertTrue(e.getMessage().contains("label 12 at index 2 is out of range 0-9"), e.getMessage());
    }

    @Test
    void trailingDataIsRefused() {
        byte[] labels = IdxFiles.labels(1, 2);
        byte[] longer = Arrays.copyOf(labels, labels.length + 5);
        DatasetException e = assertThrows(DatasetException.class,
                () -> MnistIdxReader.readLabels(new ByteArrayInputStream(longer), "l.idx"));
        assertTrue(e.getMessage().contains("more data than its header"), e.getMessage());
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() throws IOException {
        DatasetSource source = directory(IdxFiles.images(3), IdxFiles.labels(1, 2));
        DatasetException e = assertThrows(DatasetException.class, source::loadTest);
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("3 images but"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        DatasetSource source = DatasetSource.directory(dir);
        DatasetException e = assertThrows(DatasetException.class, source::loadTraining);
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void checksumMismatchIsReported() throws IOException {
        directory(IdxFiles.images(2), IdxFiles.labels(3, 9));
        IdxFiles.write(dir, "SHA256SUMS", ("0".repeat(64) + "  t10k-images-idx3-ubyte\n").getBytes());
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetSource.directory(dir).loadTest());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    private DatasetSource directory(byte[] images, byte[] labels) throws IOException {
        IdxFiles.write(dir, "t10k-images-idx3-ubyte", images);
        IdxFiles.write(dir, "t10k-labels-idx1-ubyte.gz", IdxFiles.gzip(labels));
        return DatasetSource.directory(dir);
    }
}
