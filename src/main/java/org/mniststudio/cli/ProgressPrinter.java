package org.mniststudio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.train.IterationProgress;
import org.mniststudio.train.TrainingObserver;
import org.mniststudio.train.TrainingOutcome;

/**
 * Shows training on the command line: a redrawn progress bar on a terminal, plain lines (one per epoch and
 * one every few seconds) when the output is a file or a pipe.
 */
final class ProgressPrinter implements TrainingObserver {
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
    private final PrintWriter out;
    private final boolean terminal;
    private long lastPlainLine = System.nanoTime();

    ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStarted(int epochs, int batchesPerEpoch, int trainingImages, int validationImages) {
        out.printf(Locale.ROOT, "training on %,d images, validating on %,d; %d epochs of %d batches%n",
                trainingImages, validationImages, epochs, batchesPerEpoch);
        out.flush();
    }

    @Override
    public void onProgress(IterationProgress p) {
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(p.progress() * width);
            out.printf(Locale.ROOT, "\r[%s%s] %5.1f%%  epoch %d/%d  loss %.4f  acc %5.2f%%  %,.0f img/s  ETA %s   ",
                    "#".repeat(filled), "-".repeat(width - filled), p.progress() * 100, p.epoch(), p.epochs(),
                    p.trainingLoss(), p.trainingAccuracy() * 100, p.imagesPerSecond(), duration(p.secondsLeft()));
            out.flush();
        } else if (System.nanoTime() - lastPlainLine > PLAIN_INTERVAL_NANOS) {
            lastPlainLine = System.nanoTime();
            out.printf(Locale.ROOT, "progress %.1f%%  epoch %d/%d  batch %d/%d  loss %.4f  acc %.2f%%  %.0f img/s  ETA %s%n",
                    p.progress() * 100, p.epoch(), p.epochs(), p.batchInEpoch(), p.batchesPerEpoch(),
                    p.trainingLoss(), p.trainingAccuracy() * 100, p.imagesPerSecond(), duration(p.secondsLeft()));
            out.flush();
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (terminal) {
            out.print("\r" + " ".repeat(110) + "\r");
        }
        out.printf(Locale.ROOT, "epoch %d: loss %.4f, accuracy %.2f%%%s, %.0f s, %.0f img/s%n", m.epoch(),
                m.trainingLoss(), m.trainingAccuracy() * 100,
                m.hasValidation() ? String.format(Locale.ROOT, "; validation loss %.4f, accuracy %.2f%%",
                        m.validationLoss(), m.validationAccuracy() * 100) : "",
                m.seconds(), m.imagesPerSecond());
        out.flush();
    }

    @Override
    public void onFinished(TrainingOutcome outcome) {
        if (terminal) {
            out.print("\r" + " ".repeat(110) + "\r");
        }
        out.println(outcome.message());
        out.flush();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
