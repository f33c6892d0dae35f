package org.mniststudio.cli;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mniststudio.infer.Classifier;
import org.mniststudio.infer.DigitInput;
import org.mniststudio.infer.DigitPreprocessor;
import org.mniststudio.infer.Prediction;
import org.mniststudio.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images of handwritten digits (PNG, JPEG, GIF or BMP, any size, either polarity).")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the bundled model).")
    Path model;

    @Option(names = "--json", description = "One JSON object per image: {\"file\", \"digit\", \"probabilities\"} or {\"file\", \"error\"}.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to classify.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = CliSupport.model(model);
        Classifier classifier = new Classifier(trained.network());
        DigitPreprocessor preprocessor = new DigitPreprocessor();
        PrintWriter out = spec.commandLine().getOut();
        Gson gson = new Gson();
        int classified = 0;
        for (Path image : images) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", image.toString());
            try {
                DigitInput input = preprocessor.process(image);
                if (!input.isDigit()) {
                    line.put("error", image + ": no digit found (the image is blank or nearly blank)");
                } else {
                    Prediction prediction = classifier.classify(input);
                    line.put("digit", prediction.digit());
                    line.put("probabilities", prediction.probabilities());
                    classified++;
                }
            } catch (IOException e) {
                line.put("error", CliSupport.message(e));
            }
            if (json) {
                out.println(gson.toJson(line));
            } else if (line.containsKey("error")) {
                out.println(image + ": error: " + line.get("error"));
            } else {
                float[] p = (float[]) line.get("probabilities");
                int digit = (int) line.get("digit");
                out.printf(Locale.ROOT, "%s: %d (%.1f %%)%n", image, digit, p[digit] * 100);
            }
            out.flush();
        }
        if (classified == 0) {
            throw new CliSupport.NothingDoneException("none of the " + images.size() + " images could be classified");
        }
        return 0;
    }
}
