package org.mniststudio.model;

import java.util.List;
import java.util.Locale;

/**
 * The networks MNIST Studio offers, each with the hyper-parameters it trains well with. The MLPs and the
 * Keras CNN are the ones of the classic Keras MNIST notebooks; {@code best} is the network of the bundled
 * model.
 */
public enum Preset {
    MLP_SMALL("mlp-small", "MLP 784-50-50-10", "Two hidden layers of 50: the smallest network that works",
            hp(Optimizer.ADAM, 1e-3, 100, 10, 0.0, false)),
    MLP_WIDE("mlp-wide", "MLP 784-500-500-500-10", "Three wide hidden layers of 500",
            hp(Optimizer.ADAM, 1e-3, 500, 10, 0.2, false)),
    MLP_DEEP("mlp-deep", "MLP 10x200", "Ten hidden layers of 200: deep, for watching depth at work",
            hp(Optimizer.ADAM, 1e-3, 100, 10, 0.0, false)),
    CNN("cnn", "CNN (Keras example)", "conv 3x3x32, conv 3x3x64, max-pool, dropout 0.25, dense 128, dropout 0.5",
            hp(Optimizer.ADAM, 1e-3, 128, 12, 0.5, false)),
    LENET("lenet", "LeNet-5 style", "conv 5x5x20, pool, conv 5x5x50, pool, dense 500",
            hp(Optimizer.ADAM, 1e-3, 64, 10, 0.0, false)),
    BEST("best", "Best (bundled model)",
            "conv 32-32, pool, conv 64-64, pool, dense 256, each with batch norm and ReLU; trained with augmentation",
            new HyperParameters(Optimizer.ADAM, 2e-3, 0.8, 128, 15, 0.4, 1e-5, 42, true, 0.1, 0, List.of())),
    CUSTOM_MLP("custom", "Custom MLP", "An MLP with the hidden-layer widths you give, e.g. 300,100",
            hp(Optimizer.ADAM, 1e-3, 100, 10, 0.0, false).withHiddenLayers(List.of(300, 100)));

    private final String id;
    private final String displayName;
    private final String description;
    private final HyperParameters defaults;

    Preset(String id, String displayName, String description, HyperParameters defaults) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
        this.defaults = defaults;
    }

    private static HyperParameters hp(Optimizer optimizer, double lr, int batch, int epochs, double dropout,
                                      boolean augment) {
        return new HyperParameters(optimizer, lr, 1.0, batch, epochs, dropout, 0.0, 42, augment,
                0.1, 0, List.of());
    }

    /** The name used on the command line and in model files, e.g. {@code mlp-small}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public HyperParameters defaults() {
        return defaults;
    }

    public boolean isConvolutional() {
        return this == CNN || this == LENET || this == BEST;
    }

    public static Preset parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Preset p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + text + "' (choose " + ids() + ")");
    }

    public static String ids() {
        StringBuilder sb = new StringBuilder();
        for (Preset p : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p.id);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
