package org.mniststudio.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
    @TempDir
    Path dir;

    static TrainedModel model(Preset preset) {
        HyperParameters hp = preset.defaults();
        MultiLayerNetwork net = NetworkFactory.build(preset, hp);
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", preset.id(), hp, "MNIST",
                54000, 6000, List.of(new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 10, 5400, 1e-3),
                new EpochMetrics(2, 0.3, 0.9, Double.NaN, Double.NaN, 10, 5400, 1e-3)),
                new ModelMetadata.TestMetrics(0.91, 0.33, 10000), "2026-11-21T00:00:00Z", 20, "train --from a.zip",
                List.of(new ModelMetadata.Stage("train --preset x --augment", 15, true, 0.99)));
        return new TrainedModel(net, metadata, "memory");
    }

    @Test
    void aFineTunedModelKeepsTheWholeRecipe() {
        ModelMetadata first = model(Preset.MLP_SMALL).metadata();
        List<ModelMetadata.Stage> stages = ModelMetadata.stagesBefore(first);
        assertEquals(List.of("train --preset x --augment", "train --from a.zip"),
                stages.stream().map(ModelMetadata.Stage::command).toList());
        assertEquals(2, stages.get(1).epochs());
        ModelMetadata plain = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", "mlp-small",
                Preset.MLP_SMALL.defaults().withAugment(false), "MNIST", 1, 0, List.of(), null, "now", 1, "train");
        assertEquals(List.of(), ModelMetadata.stagesBefore(null));
        assertTrue(first.everAugmented(), "an augmented earlier stage counts");
        assertTrue(!plain.everAugmented());
    }

    @Test
    void saveAndLoadGiveIdenticalOutputsAndMetadata() throws IOException {
        for (Preset preset : List.of(Preset.MLP_SMALL, Preset.BEST)) {
            TrainedModel original = model(preset);
            Path file = dir.resolve(preset.id() + ".zip");
            ModelFile.save(original, file);
            TrainedModel loaded = ModelFile.load(file);
            INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 784);
            assertArrayEquals(original.network().output(input, false).ravel().toFloatVector(),
                    loaded.network().output(input, false).ravel().toFloatVector(), 0f);
            assertEquals(original.metadata(), loaded.metadata());
            assertEquals(preset.id(), loaded.metadata().preset());
            assertTrue(Double.isNaN(loaded.metadata().history().get(1).validationLoss()));
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "a temporary file was left");
            }
            Path reference = Files.createFile(dir.resolve(preset.id() + ".reference"));
            assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file),
                    "a saved model is as readable as any new file in its folder");
        }
    }

    @Test
    void updaterStateSurvivesSoFineTuningContinuesSmoothly() throws IOException {
        TrainedModel original = model(Preset.MLP_SMALL);
        original.network().fit(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 784),
                Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        Path file = dir.resolve("m.zip");
        ModelFile.save(original, file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(original.network().getUpdater().getStateViewArray(),
                loaded.network().getUpdater().getStateViewArray());
    }

    @Test
    void aPlainDl4jFileLoadsAsImported() throws IOException {
        MultiLayerNetwork net = NetworkFactory.build(Preset.MLP_SMALL, Preset.MLP_SMALL.defaults());
        Path file = dir.resolve("plain.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals("imported", loaded.metadata().preset());
    }

    @Test
    void corruptFilesGiveClearErrors() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "just some text, not a model");
        ModelFileException e1 = assertThrows(ModelFileException.class, () -> ModelFile.load(text));
        assertTrue(e1.getMessage().startsWith(text.toString() + ": "), e1.getMessage());
        assertTrue(e1.getMessage().contains("not a model file"), e1.getMessage());

        Path good = dir.resolve("good.zip");
        ModelFile.save(model(Preset.MLP_SMALL), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e2 = assertThrows(ModelFileException.class, () -> ModelFile.load(truncated));
        assertTrue(e2.getMessage().contains("truncated.zip"), e2.getMessage());

        ModelFileException e3 = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("missing.zip")));
        assertTrue(e3.getMessage().contains("not found"), e3.getMessage());

        Path otherZip = zip("other.zip", "readme.txt", "hello".getBytes());
        ModelFileException e4 = assertThrows(ModelFileException.class, () -> ModelFile.load(otherZip));
        assertTrue(e4.getMessage().contains("configuration.json"), e4.getMessage());
    }

    @Test
    void aNetworkThatDoesNotFitMnistIsRefused() throws IOException {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(100).nOut(20).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(20).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path file = dir.resolve("iris.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("iris.zip"), e.getMessage());
        assertTrue(e.getMessage().contains("28x28"), e.getMessage());

        var conf3 = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(784).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net3 = new MultiLayerNetwork(conf3);
        net3.init();
        Path three = dir.resolve("three.zip");
        ModelSerializer.writeModel(net3, three.toFile(), false);
        ModelFileException e3 = assertThrows(ModelFileException.class, () -> ModelFile.load(three));
        assertTrue(e3.getMessage().contains("must give 10"), e3.getMessage());
    }

    @Test
    void serialisedJavaObjectsInAModelAreNeverRead() throws IOException {
        // A DL4J file plus a preprocessor.bin holding a serialised object: ModelSerializer would deserialise it.
        MultiLayerNetwork net = NetworkFactory.build(Preset.MLP_SMALL, Preset.MLP_SMALL.defaults());
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, dl4j, false);
        Path file = dir.resolve("payload.zip");
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(dl4j.toByteArray()));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
            }
            out.putNextEntry(new ZipEntry("preprocessor.bin"));
            ObjectOutputStream oos = new ObjectOutputStream(out);
            oos.writeObject(new Tripwire());
            oos.flush();
            out.putNextEntry(new ZipEntry("../../escape.txt"));
            out.write("outside".getBytes(StandardCharsets.UTF_8));
        }
        Tripwire.deserialised = false;
        TrainedModel loaded = ModelFile.load(file);
        assertEquals("imported", loaded.metadata().preset());
        assertTrue(!Tripwire.deserialised, "a Java object in the model file was deserialised");
        assertTrue(Files.notExists(dir.getParent().resolve("escape.txt")));
        assertTrue(Files.notExists(dir.resolve("escape.txt")));
    }

    @Test
    void aConfigurationNamingForeignClassesIsRefused() throws IOException {
        MultiLayerNetwork net = NetworkFactory.build(Preset.MLP_SMALL, Preset.MLP_SMALL.defaults());
        String json = net.getLayerWiseConfigurations().toJson()
                .replaceFirst("\"@class\" : \"org.deeplearning4j[^\"]*\"", "\"@class\" : \"java.net.URLClassLoader\"");
        assertTrue(json.contains("java.net.URLClassLoader"), "test setup: the replacement did not happen");
        Path file = zip("evil.zip", "configuration.json", json.getBytes(StandardCharsets.UTF_8));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("java.net.URLClassLoader"), e.getMessage());
    }

    @Test
    void savingOverAnExistingModelReplacesItWhole() throws IOException {
        Path file = dir.resolve("m.zip");
        ModelFile.save(model(Preset.MLP_SMALL), file);
        ModelFile.save(model(Preset.LENET), file);
        assertEquals("lenet", ModelFile.load(file).metadata().preset());
    }

    @Test
    void savingIntoAMissingFolderFailsClearly() {
        Path file = dir.resolve("no/such/folder/m.zip");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.save(model(Preset.MLP_SMALL), file));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private Path zip(String name, String entry, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(os)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
        }
        return file;
    }

    /** Records whether it was ever deserialised. */
    static final class Tripwire implements java.io.Serializable {
        static volatile boolean deserialised;

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialised = true;
        }
    }
}
