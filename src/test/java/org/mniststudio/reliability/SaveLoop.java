package org.mniststudio.reliability;

import java.nio.file.Path;
import org.mniststudio.model.ModelFile;
import org.mniststudio.model.ModelMetadata;
import org.mniststudio.model.NetworkFactory;
import org.mniststudio.model.Preset;
import org.mniststudio.model.TrainedModel;

/** Run in a child JVM by {@link KillDuringSaveTest}: saves a model to one path again and again until killed. */
public final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Preset preset = Preset.MLP_WIDE; // ~10 MB: a save takes long enough to be caught in the middle
        for (int i = 1; ; i++) {
            TrainedModel model = new TrainedModel(NetworkFactory.build(preset, preset.defaults().withSeed(i)),
                    ModelMetadata.imported("save " + i), "loop");
            ModelFile.save(model, target);
            System.out.println("saved " + i);
            System.out.flush();
        }
    }
}
