package org.mniststudio.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Native set-up for ND4J/DL4J 1.0.0-M2.1. Call {@link #configure()} first thing in {@code main},
 * before any ND4J or DL4J class is touched: the native library is chosen when ND4J's backend
 * loads, and that cannot be undone in the same JVM.
 *
 * <p>What it does, and why:
 * <ul>
 *   <li>{@code org.eclipse.deeplearning4j.helpers.disable=false}: M2.1 defaults it to
 *       {@code true}, which makes {@code HelperUtils.createHelper} return no helper for any layer,
 *       so convolutions run as a Java-driven im2col + gemm (about half of LeNet's training time
 *       in the im2col op alone). With it off, ConvolutionLayer, SubsamplingLayer (backprop) and
 *       BatchNormalization get the MKLDNN helpers, which run the fused native conv2d / pooling /
 *       batchnorm ops, i.e. oneDNN when the loaded native build has it. DL4J reads the property
 *       each time a layer is created, so it only has to be set before networks are built.
 *       Max pooling is the exception: oneDNN is slower at it here than libnd4j's own code, so
 *       {@link OwnMaxPoolingLayer} runs it without helpers.
 *       (LocalResponseNormalization and LSTM get no CPU helper in M2.1 whatever is set.)</li>
 *   <li>The helpers also need {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, the binding name
 *       M2.1's DL4J still looks for; that is the shim class {@link org.nd4j.nativeblas.Nd4jCpu}.
 *       Without it every helper is silently dropped ("Cannot find class" in the log).</li>
 *   <li>{@code org.bytedeco.javacpp.platform.extension}: which nd4j-native build JavaCPP loads.
 *       Left unset, JavaCPP takes the first of {@code -avx2, ..., -onednn-avx2, ..., -onednn}
 *       that is on the class path, without looking at the CPU, and ND4J then calls
 *       {@code System.exit(1)} ("CPU Feature Check Failed") if that build needs instructions the
 *       CPU lacks. So this picks the best build that is both on the class path and supported by
 *       this CPU (read from /proc/cpuinfo), preferring oneDNN builds. JavaCPP still falls back
 *       to the plain {@code linux-x86_64} build when the named one is absent. A value given on
 *       the command line ({@code -Dorg.bytedeco.javacpp.platform.extension=...}) is kept.</li>
 * </ul>
 *
 * <p>Not done here because Java cannot: {@code OMP_WAIT_POLICY=PASSIVE} (OpenMP threads sleep
 * instead of spinning between ops; much steadier and usually faster when the cores are shared)
 * is read by libgomp from the process environment when it loads, and a JVM cannot change its own
 * environment. Whatever starts the JVM has to set it (launcher script, IDE run configuration,
 * Surefire {@code <environmentVariables>}); {@link #ompWaitPolicy()} tells what this process got.
 *
 * <p>Idempotent and thread-safe; values already set as system properties are never overridden.
 */
public final class NativeSetup {

    /** DL4J 1.0.0-M2.1 system property; "true" (its default) disables all layer helpers. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** JavaCPP system property naming the native build variant (classifier suffix) to load. */
    public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** Where nd4j-native jars keep libnd4jcpu.so: {@code <this><platform><extension>/}. */
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    /** Extension forcing JavaCPP onto the plain build: no jar ships a directory with this name. */
    static final String PLAIN = "-plain";

    /** A native build variant and the CPU flags (as in /proc/cpuinfo) its code may use. */
    private record Variant(String extension, List<String> cpuFlags) {
    }

    /** Best first. The AVX2/AVX-512 sets are those libnd4j itself checks, plus what -march implies. */
    private static final List<Variant> VARIANTS = List.of(
            new Variant("-onednn-avx512", List.of("avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512cd")),
            new Variant("-onednn-avx2", List.of("avx", "avx2", "fma", "f16c", "bmi1", "bmi2")),
            new Variant("-onednn", List.of()),
            new Variant("-avx512", List.of("avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512cd")),
            new Variant("-avx2", List.of("avx", "avx2", "fma", "f16c", "bmi1", "bmi2")));

    private static boolean configured;

    private NativeSetup() {
    }

    /** Sets the system properties described in the class comment; later calls do nothing. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        setIfAbsent(HELPERS_DISABLE, "false");
        if (System.getProperty(PLATFORM_EXTENSION) == null && "linux-x86_64".equals(platform())) {
            ClassLoader cl = NativeSetup.class.getClassLoader();
            String ext = chooseExtension(cpuFlags(),
                    e -> cl.getResource(BINDINGS + "linux-x86_64" + e + "/libnd4jcpu.so") != null);
            if (ext != null) {
                System.setProperty(PLATFORM_EXTENSION, ext);
            }
        }
    }

    /**
     * The extension to load, given the CPU's flags and which variants are on the class path:
     * the first variant of {@link #VARIANTS} that is present and supported; {@link #PLAIN} if
     * some variant is present but none is supported (JavaCPP would otherwise pick it blindly);
     * {@code null} (leave JavaCPP alone) if no variant is present at all.
     */
    static String chooseExtension(Set<String> cpuFlags, Predicate<String> present) {
        boolean anyPresent = false;
        for (Variant v : VARIANTS) {
            if (present.test(v.extension())) {
                anyPresent = true;
                if (cpuFlags.containsAll(v.cpuFlags())) {
                    return v.extension();
                }
            }
        }
        return anyPresent ? PLAIN : null;
    }

    /** CPU feature flags of the first processor in /proc/cpuinfo; empty if unreadable. */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or not readable: only the baseline variants qualify
        }
        return Set.of();
    }

    /** Value of OMP_WAIT_POLICY this process was started with, or null. */
    public static String ompWaitPolicy() {
        return System.getenv("OMP_WAIT_POLICY");
    }

    /** Same naming as JavaCPP's Loader.getPlatform(), without loading JavaCPP. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86-64") || arch.equals("x64")) {
            arch = "x86_64";
        }
        return System.getProperty("org.bytedeco.javacpp.platform",
                (os.startsWith("linux") ? "linux" : os) + "-" + arch);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
