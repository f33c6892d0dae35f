package org.mniststudio.cli;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mniststudio.data.DatasetSource;
import org.mniststudio.model.TrainedModel;
import org.mniststudio.train.EvaluationReport;
import org.mniststudio.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on the test set: accuracy, loss, confusion matrix, precision and recall.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the bundled model).")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the IDX files (default: bundled MNIST).")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = CliSupport.model(model);
        DatasetSource source = CliSupport.dataSource(data);
        EvaluationReport report = Evaluator.evaluate(trained.network(), source.loadTest());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", trained.source());
            result.put("dataset", report.dataset());
            result.put("images", report.count());
            result.put("accuracy", report.accuracy());
            result.put("loss", report.loss());
            result.put("errors", report.errors());
            result.put("confusion", report.confusion());
            result.put("precision", report.precision());
            result.put("recall", report.recall());
            out.println(new Gson().toJson(result));
        } else {
            out.printf(Locale.ROOT, "model     %s (%s)%n", trained.source(), trained.metadata().summary());
            out.printf(Locale.ROOT, "dataset   %s, %,d images%n", report.dataset(), report.count());
            out.printf(Locale.ROOT, "accuracy  %.2f %% (%d wrong)%n", report.accuracy() * 100, report.errors());
            out.printf(Locale.ROOT, "loss      %.4f%n%n", report.loss());
            out.println("confusion matrix (rows: true digit, columns: predicted)");
            out.print("      ");
            for (int p = 0; p < 10; p++) {
                out.printf(Locale.ROOT, "%6d", p);
            }
            out.println("   precision  recall");
            int[][] confusion = report.confusion();
            for (int t = 0; t < 10; t++) {
                out.printf(Locale.ROOT, "%6d", t);
                for (int p = 0; p < 10; p++) {
                    out.printf(Locale.ROOT, "%6d", confusion[t][p]);
                }
                out.printf(Locale.ROOT, "   %8.2f%%  %6.2f%%%n", report.precision()[t] * 100, report.recall()[t] * 100);
            }
        }
        out.flush();
        return 0;
    }
}
