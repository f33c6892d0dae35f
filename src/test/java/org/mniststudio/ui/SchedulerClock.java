package org.mniststudio.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** The schedstat file of the calling thread. */
    static Path currentThread() {
        return Path.of("/proc/thread-self/schedstat");
    }

    /** The schedstat file of the first thread of this process with this name, if there is one. */
    static Optional<Path> threadNamed(String name) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> name.equals(read(t.resolve("comm")).strip()))
                    .map(t -> t.resolve("schedstat")).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Nanoseconds the thread has run on a CPU since it started; 0 if unknown or null. */
    static long runNanos(Path schedstat) {
        if (schedstat == null) {
            return 0;
        }
        String[] fields = read(schedstat).strip().split(" ");
        return fields.length >= 1 ? parse(fields[0]) : 0;
    }

    /** Nanoseconds the thread has waited, ready to run, for a CPU since it started; 0 if unknown or null. */
    static long runQueueWaitNanos(Path schedstat) {
        if (schedstat == null) {
            return 0;
        }
        String[] fields = read(schedstat).strip().split(" ");
        return fields.length >= 2 ? parse(fields[1]) : 0;
    }

    /**
     * Per CPU of this machine (the {@code cpuN} lines, all of the virtual machine's CPUs whatever this process
     * may use), the nanoseconds the hypervisor has taken from it since boot; null if they cannot be read.
     */
    static long[] stealNanosPerCpu() {
        long[] steal = read(STAT).lines().filter(l -> l.matches("cpu\\d+ .*")).map(l -> l.trim().split(" +"))
                // cpuN user nice system idle iowait irq softirq steal ...
                .mapToLong(f -> f.length > 8 ? parse(f[8]) * NANOS_PER_TICK : -1).toArray();
        return steal.length == 0 || java.util.Arrays.stream(steal).anyMatch(v -> v < 0) ? null : steal;
    }

    /**
     * The time every CPU of the machine lost to the hypervisor between two {@link #stealNanosPerCpu()}
     * readings: the least any one of them lost, so that only what the thread's own CPU surely lost is counted
     * (steal is counted in 10 ms ticks). 0 if either reading is missing.
     */
    static long stealOnEveryCpu(long[] before, long[] after) {
        if (before == null || after == null || before.length != after.length) {
            return 0;
        }
        long least = Long.MAX_VALUE;
        for (int cpu = 0; cpu < after.length; cpu++) {
            least = Math.min(least, after[cpu] - before[cpu]);
        }
        return Math.max(0, least);
    }

    /** The steal of each CPU between two readings, in ms, as "[a, b]"; "?" if either reading is missing. */
    static String stealPerCpuMillis(long[] before, long[] after) {
        if (before == null || after == null || before.length != after.length) {
            return "?";
        }
        long[] millis = new long[after.length];
        for (int cpu = 0; cpu < after.length; cpu++) {
            millis[cpu] = (after[cpu] - before[cpu]) / 1_000_000;
        }
        return java.util.Arrays.toString(millis);
    }

    /**
     * Per thread name and nice value of this process: CPU time used and time waited for a CPU, both in ns,
     * summed over the threads of that name.
     */
    static Map<String, long[]> cpuByThread() {
        Map<String, long[]> all = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = read(t.resolve("stat"));
                if (stat.isEmpty()) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                String[] sched = read(t.resolve("schedstat")).strip().split(" ");
                if (sched.length < 2) {
                    continue;
                }
                long[] sum = all.computeIfAbsent(name + " (nice " + parse(f[16]) + ")", k -> new long[2]);
                sum[0] += parse(sched[0]);
                sum[1] += parse(sched[1]);
            }
        } catch (IOException | RuntimeException e) {
            return all; // diagnostics only
        }
        return all;
    }

    /** The {@code n} thread names that used the most CPU between two {@link #cpuByThread()} snapshots. */
    static List<String> busiestThreads(Map<String, long[]> before, Map<String, long[]> after, int n) {
        return after.entrySet().stream().map(e -> {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
        }).sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(n)
                .map(e -> String.format("%s ran %.0f ms, waited for a CPU %.0f ms", e.getKey(),
                        e.getValue()[0] / 1e6, e.getValue()[1] / 1e6)).toList();
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
