package org.mniststudio.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.mniststudio.data.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files: one zip holding DL4J {@link ModelSerializer} content (configuration.json, coefficients.bin,
 * updaterState.bin) plus {@code mnist-studio.json}, the metadata.
 *
 * <p>Saving writes a temporary file beside the target, forces it to disk and moves it into place, so the
 * target is always either the old file or the new one. Loading reads the entries itself, with size limits,
 * instead of calling {@code ModelSerializer.restore...}: those also deserialise Java objects from
 * {@code preprocessor.bin}/{@code normalizer.bin}, and a model file is data, never code. Only the three
 * DL4J entries and the metadata are read; anything else in the zip is ignored.
 */
public final class ModelFile {
    public static final String METADATA_ENTRY = "mnist-studio.json";
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER = "updaterState.bin";
    private static final Set<String> READ_ENTRIES = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER, METADATA_ENTRY);
    /** No MNIST network comes near this; a zip bomb is stopped here, after at most this much memory. */
    static final long MAX_ENTRY_BYTES = 128L << 20;
    static final long MAX_TOTAL_BYTES = 256L << 20;
    static final int MAX_ENTRIES = 64;
    /** Only DL4J's and ND4J's own configuration classes may be named in configuration.json. */
    private static final Pattern CLASS_NAME = Pattern.compile("\"@class\"\\s*:\\s*\"([^\"]*)\"");
    private static final String BUNDLED_RESOURCE = "/assets/model/default-model.zip";

    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
            .create();

    private ModelFile() {
    }

    // ---------------------------------------------------------------- saving

    /** Fails, naming the file, if {@code target} cannot be saved to because its folder does not exist. */
    public static void checkCanSaveTo(Path target) throws ModelFileException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new ModelFileException(target + ": cannot save, the folder " + dir + " does not exist");
        }
    }

    public static void save(TrainedModel model, Path target) throws IOException {
        checkCanSaveTo(target);
        Path temp = AtomicFiles.newTempFileBeside(target);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                write(model, out);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            AtomicFiles.moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException(target + ": could not save the model (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the zip to a stream: ModelSerializer's entries, then the metadata. */
    public static void write(TrainedModel model, OutputStream out) throws IOException {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(model.network(), dl4j, true);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
            zip.write(GSON.toJson(model.metadata()).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    // ---------------------------------------------------------------- loading

    public static TrainedModel load(Path file) throws ModelFileException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(name + ": not found", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The model shipped with the application. */
    public static TrainedModel loadBundled() throws ModelFileException {
        try (InputStream in = ModelFile.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new ModelFileException("the bundled model is missing from this installation ("
                        + BUNDLED_RESOURCE + ")");
            }
            return read(in, "bundled model");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException("bundled model: cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public static boolean hasBundledModel() {
        return ModelFile.class.getResource(BUNDLED_RESOURCE) != null;
    }

    /** Reads and checks a model zip; every failure is a ModelFileException naming {@code name}. */
    public static TrainedModel read(InputStream in, String name) throws ModelFileException {
        Map<String, byte[]> entries = readEntries(in, name);
        byte[] configuration = entries.get(CONFIGURATION);
        if (configuration == null) {
            throw new ModelFileException(name + ": not an MNIST Studio or DL4J model file (no "
                    + CONFIGURATION + " inside)");
        }
        String json = new String(configuration, StandardCharsets.UTF_8);
        checkClassNames(json, name);
        byte[] coefficients = entries.get(COEFFICIENTS);
        if (coefficients == null) {
            throw new ModelFileException(name + ": not an MNIST Studio or DL4J model file (no "
                    + COEFFICIENTS + " inside)");
        }
        MultiLayerNetwork network = buildNetwork(name, json, coefficients, entries.get(UPDATER));
        checkShape(network, name);
        ModelMetadata metadata = readMetadata(entries.get(METADATA_ENTRY), name);
        return new TrainedModel(network, metadata, name);
    }

    private static Map<String, byte[]> readEntries(InputStream in, String name) throws ModelFileException {
        Map<String, byte[]> entries = new HashMap<>();
        long total = 0;
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            byte[] buffer = new byte[1 << 16];
            while ((entry = zip.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    throw new ModelFileException(name + ": not a model file (more than " + MAX_ENTRIES
                            + " entries inside)");
                }
                // Entries are matched by exact name and only kept in memory: a path like ../x is never written.
                if (!READ_ENTRIES.contains(entry.getName())) {
                    continue;
                }
                if (entries.containsKey(entry.getName())) {
                    throw new ModelFileException(name + ": corrupt model file (" + entry.getName() + " appears twice)");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (out.size() + n > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) {
                        throw new ModelFileException(name + ": refused: " + entry.getName()
                                + " unpacks to more than " + (MAX_ENTRY_BYTES >> 20) + " MB (a zip bomb?)");
                    }
                    out.write(buffer, 0, n);
                }
                entries.put(entry.getName(), out.toByteArray());
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(name + ": corrupt or truncated model file (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(name + ": cannot be read as a model file (" + e.getMessage() + ")", e);
        }
        if (count == 0) {
            throw new ModelFileException(name + ": not a model file (not a zip archive, or empty)");
        }
        return entries;
    }

    /** Jackson instantiates the classes named in "@class": only DL4J's and ND4J's own may appear. */
    private static void checkClassNames(String json, String name) throws ModelFileException {
        Matcher m = CLASS_NAME.matcher(json);
        while (m.find()) {
            String cls = m.group(1);
            if (!cls.startsWith("org.deeplearning4j.nn.") && !cls.startsWith("org.nd4j.linalg.")) {
                throw new ModelFileException(name + ": refused: the configuration names the class " + cls
                        + ", which is not a DL4J layer or setting");
            }
        }
    }

    private static MultiLayerNetwork buildNetwork(String name, String json, byte[] coefficients, byte[] updater)
            throws ModelFileException {
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new ModelFileException(name + ": the network configuration is not valid ("
                    + firstLine(e) + ")", e);
        }
        try {
            MultiLayerNetwork network = new MultiLayerNetwork(conf);
            network.init();
            OwnMaxPoolingLayer.useIn(network);
            long expected = network.numParams();
            INDArray params = Nd4jArrayReader.readRow(coefficients, expected, name + ": " + COEFFICIENTS);
            network.setParams(params.castTo(network.params().dataType()));
            if (updater != null && network.getUpdater() != null
                    && network.getUpdater().getStateViewArray() != null) {
                INDArray view = network.getUpdater().getStateViewArray();
                INDArray state = Nd4jArrayReader.readRow(updater, view.length(), name + ": " + UPDATER);
                view.assign(state.reshape(view.shape()));
            }
            return network;
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new ModelFileException(name + ": the network cannot be built from this file ("
                    + firstLine(e) + ")", e);
        }
    }

    private static void checkShape(MultiLayerNetwork network, String name) throws ModelFileException {
        long[] shape;
        try {
            shape = network.output(Nd4j.zeros(network.params().dataType(), 1, 784), false).shape();
        } catch (RuntimeException e) {
            throw new ModelFileException(name + ": this network does not take 28x28 images ("
                    + firstLine(e) + ")", e);
        }
        if (shape.length != 2 || shape[0] != 1 || shape[1] != 10) {
            throw new ModelFileException(name + ": this network gives " + java.util.Arrays.toString(shape)
                    + " outputs; a digit classifier must give 10");
        }
    }

    private static ModelMetadata readMetadata(byte[] json, String name) throws ModelFileException {
        if (json == null) {
            return ModelMetadata.imported(null);
        }
        try {
            ModelMetadata metadata = GSON.fromJson(new String(json, StandardCharsets.UTF_8), ModelMetadata.class);
            if (metadata == null) {
                throw new ModelFileException(name + ": " + METADATA_ENTRY + " is empty");
            }
            return metadata;
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new ModelFileException(name + ": " + METADATA_ENTRY + " is not valid (" + firstLine(e) + ")", e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
