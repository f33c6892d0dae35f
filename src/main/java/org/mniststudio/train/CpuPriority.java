package org.mniststudio.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a training run in the window give way to the threads that draw it. On a machine with few cores the
 * training's native thread pools (ND4J's, OpenMP's, OpenBLAS's) keep every core busy, and the threads that
 * render the window then wait for a CPU: frames stutter although they have little to do. Raising the
 * training threads' nice value (Linux, per thread; no privilege needed to lower one's own priority) makes the
 * scheduler run the window first whenever it wants the CPU, and costs training nothing while the window is
 * idle.
 *
 * <p>The native pools are created by whichever thread first needed them and inherit that thread's name, so
 * the threads to keep are named, and all others of the process lowered. Threads created later by a lowered
 * thread inherit its nice value. Elsewhere than Linux this does nothing.
 */
public final class CpuPriority {
    /** The nice value of background work: its threads get about a tenth of a CPU that a window thread wants. */
    public static final int BACKGROUND_NICE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(CpuPriority.class);
    private static final Path TASKS = Path.of("/proc/self/task");
    /**
     * HotSpot's own threads that a stopped world waits for keep their priority whatever the caller says: a
     * garbage collection or another safepoint stops every Java thread, the window's too, until these threads
     * finish it, so they must not wait behind the training's native threads (measured: a 160 ms young
     * collection with G1's threads lowered). The JIT compilers are not among them: the FX thread goes on in
     * the interpreter while a method compiles, and in a fresh JVM they compete with it for the CPU (largest
     * frame gap while training, 6 runs each: median 79 ms with them kept, 63 ms with them lowered). ZGC's
     * concurrent threads are lowered too; its pauses are done by the VM thread. JFR's threads are kept
     * (when a recording runs): its sampler holds each thread it samples suspended until it has read the
     * stack, so a lowered sampler would hold the FX thread while it waits for a CPU.
     */
    private static final List<String> JVM_THREADS = List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic",
            "Reference Handl", "Finalizer", "Signal Dispatch", "Service Thread", "Monitor Deflati",
            "Sweeper thread", "Notification Th", "ParGC Thread", "Attach Listener", "JFR ");

    private CpuPriority() {
    }

    /**
     * Lowers to {@link #BACKGROUND_NICE} every thread of this process whose name {@code keep} does not accept
     * (names as the kernel holds them: at most 15 characters), except the JVM's own. Returns how many threads
     * were lowered; 0 where this cannot be done. Never throws.
     */
    public static int lowerAllThreadsExcept(Predicate<String> keep) {
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(BACKGROUND_NICE), "-p"));
        for (Task task : tasks()) {
            if (!keep.test(task.name()) && !isJvmThread(task.name()) && nice(task.dir()) < BACKGROUND_NICE) {
                command.add(task.dir().getFileName().toString());
            }
        }
        int lowered = command.size() - 4;
        if (lowered == 0) {
            return 0;
        }
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return 0;
            }
            // renice lowers what it can; a thread that ended meanwhile makes it exit non-zero, harmlessly
            return lowered;
        } catch (IOException e) {
            LOG.debug("renice is not available: training keeps its priority", e);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static boolean isJvmThread(String name) {
        return JVM_THREADS.stream().anyMatch(name::startsWith);
    }

    /** The nice value of one thread of this process (its {@code /proc/self/task/TID}), or 0 if unknown. */
    static int nice(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            // the name in parentheses may hold spaces: count the fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[16]); // field 19 of the line; the 17th after the name
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * For each thread name of this process (as the kernel holds it), the highest nice value among the threads
     * of that name; empty where this cannot be read. For diagnostics and tests.
     */
    public static Map<String, Integer> niceByThreadName() {
        Map<String, Integer> nice = new TreeMap<>();
        for (Task task : tasks()) {
            nice.merge(task.name(), nice(task.dir()), Math::max);
        }
        return nice;
    }

    /** One thread of this process: its {@code /proc/self/task/TID} folder and its name. */
    public record Task(Path dir, String name) {
    }

    /**
     * The threads of this process that are alive while listed; empty where they cannot be listed. Public for
     * the tests' diagnostics, which read other files of the same folders.
     */
    public static List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        if (!Files.isDirectory(TASKS)) {
            return tasks;
        }
        try (Stream<Path> dirs = Files.list(TASKS)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = threadName(dir);
                if (name != null) {
                    tasks.add(new Task(dir, name));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list this process's threads", e);
            return List.of();
        }
        return tasks;
    }

    /** The nice value of the calling thread, or 0 where it cannot be read. */
    public static int currentThreadNice() {
        try {
            return nice(Path.of("/proc/thread-self").toRealPath());
        } catch (IOException e) {
            return 0;
        }
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null; // the thread ended
        }
    }
}
