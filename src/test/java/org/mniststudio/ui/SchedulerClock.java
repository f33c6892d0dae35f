package org.mniststudio.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mniststudio.train.CpuPriority;

/**
 * What Linux says about where a thread's time went: nanoseconds it ran, and nanoseconds it was ready to run
 * but waited for a CPU ({@code /proc/.../schedstat}); and the time the hypervisor gave this machine's CPUs to
 * others ("steal" in {@code /proc/stat}). Lets a frame-gap test tell a window that kept its frames waiting
 * from a machine that kept the window waiting. Elsewhere than Linux every figure is 0.
 */
final class SchedulerClock {
    private static final Path STAT = Path.of("/proc/stat");
    private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on Linux

    private SchedulerClock() {
    }

    /** A thread's time so far: on a CPU, and ready to run but waiting for one. */
    record Times(long ranNanos, long waitedNanos) {
        static final Times NONE = new Times(0, 0);

        Times minus(Times earlier) {
            return new Times(ranNanos - earlier.ranNanos, waitedNanos - earlier.waitedNanos);
        }

        Times plus(Times other) {
            return new Times(ranNanos + other.ranNanos, waitedNanos + other.waitedNanos);
        }
    }

    /** The schedstat file of the calling thread. */
    static Path currentThread() {
        return Path.of("/proc/thread-self/schedstat");
    }

    /** The schedstat file of the first thread of this process with this name, if there is one. */
    static Optional<Path> threadNamed(String name) {
        return CpuPriority.tasks().stream().filter(task -> name.equals(task.name())).findFirst()
                .map(task -> task.dir().resolve("schedstat"));
    }

    /** One reading of a schedstat file (null: none); {@link Times#NONE} if it cannot be read. */
    static Times times(Path schedstat) {
        if (schedstat == null) {
            return Times.NONE;
        }
        String[] fields = read(schedstat).strip().split(" ");
        return fields.length >= 2 ? new Times(parse(fields[0]), parse(fields[1])) : Times.NONE;
    }

    /**
     * Per CPU of this machine (the {@code cpuN} lines, all of the virtual machine's CPUs whatever this process
     * may use), the nanoseconds the hypervisor has taken from it since boot; null if they cannot be read.
     */
    static long[] stealNanosPerCpu() {
        long[] steal = read(STAT).lines().filter(l -> l.matches("cpu\\d+ .*")).map(l -> l.trim().split(" +"))
                // cpuN user nice system idle iowait irq softirq steal ...
                .mapToLong(f -> f.length > 8 ? parse(f[8]) * NANOS_PER_TICK : -1).toArray();
        return steal.length == 0 || Arrays.stream(steal).anyMatch(v -> v < 0) ? null : steal;
    }

    /** What each CPU lost to the hypervisor between two {@link #stealNanosPerCpu()} readings; null if unknown. */
    static long[] stealBetween(long[] before, long[] after) {
        if (before == null || after == null || before.length != after.length) {
            return null;
        }
        long[] stolen = new long[after.length];
        Arrays.setAll(stolen, cpu -> after[cpu] - before[cpu]);
        return stolen;
    }

    /**
     * The time every CPU lost (of {@link #stealBetween}): the least any one of them lost, so that only what the
     * thread's own CPU surely lost is counted (steal is counted in 10 ms ticks). 0 if unknown.
     */
    static long stolenFromEveryCpu(long[] stolen) {
        return stolen == null ? 0 : Math.max(0, Arrays.stream(stolen).min().orElse(0));
    }

    /** Per thread name of this process: its {@link Times}, summed over the threads of that name. */
    static Map<String, Times> timesByThreadName() {
        Map<String, Times> all = new TreeMap<>();
        for (CpuPriority.Task task : CpuPriority.tasks()) {
            all.merge(task.name(), times(task.dir().resolve("schedstat")), Times::plus);
        }
        return all;
    }

    /**
     * The {@code n} thread names that ran the most between two {@link #timesByThreadName()} snapshots, with
     * their nice values now.
     */
    static List<String> busiestThreads(Map<String, Times> before, Map<String, Times> after, int n) {
        Map<String, Integer> nice = CpuPriority.niceByThreadName();
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().minus(before.getOrDefault(e.getKey(), Times.NONE))))
                .sorted((x, y) -> Long.compare(y.getValue().ranNanos(), x.getValue().ranNanos())).limit(n)
                .map(e -> String.format("%s (nice %d) ran %.0f ms, waited for a CPU %.0f ms", e.getKey(),
                        nice.getOrDefault(e.getKey(), 0), e.getValue().ranNanos() / 1e6,
                        e.getValue().waitedNanos() / 1e6)).toList();
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
