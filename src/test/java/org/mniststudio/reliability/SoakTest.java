package org.mniststudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Everything at once for a while (see {@link SoakRun}, which runs in a child JVM with a fixed, pre-touched
 * heap): training epoch after epoch, the canvas classified continuously with each epoch's network, a model
 * loaded and evaluated every 2 seconds. After a warm-up, resident memory (heap plus native: ND4J's buffers
 * live outside the heap, and the heap is fixed and pre-touched, so a change is native), the live heap, threads
 * and open files must stay flat.
 * Each is compared as the median of the first three samples after the warm-up against the median of the last
 * three, so one sample taken mid-allocation does not decide. The figures are printed.
 */
class SoakTest {
    private static final int SECONDS = 240;
    // Resident memory rises for about two minutes of training before it levels off (glibc keeps what ND4J
    // frees for reuse, up to the most the run has needed at once): the soak is measured after that.
    private static final int WARM_UP_SECONDS = 150;
    private static final int SAMPLE_EVERY_SECONDS = 5;
    private static final long MB = 1 << 20;

    record Sample(long second, long resident, long heap, long threads, long files, long classified, long loads,
                  long epochs) {
        static Sample parse(String line) {
            long[] f = Arrays.stream(line.substring("sample ".length()).trim().split(" "))
                    .mapToLong(Long::parseLong).toArray();
            return new Sample(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
        }

        String describe() {
            return String.format(Locale.ROOT, "at %d s: resident %d MB, live heap %d MB, %d threads, %d open files",
                    second, resident / MB, heap / MB, threads, files);
        }
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void memoryThreadsAndFilesStayFlat() throws Exception {
        Process child = ChildJvm.start(List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"), SoakRun.class,
                Path.of("assets/model/default-model.zip").toAbsolutePath().toString(),
                Integer.toString(SECONDS), Integer.toString(SAMPLE_EVERY_SECONDS));
        List<Sample> samples = new ArrayList<>();
        String done = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("sample ")) {
                    samples.add(Sample.parse(line));
                } else if (line.startsWith("done ")) {
                    done = line;
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), "the soak process failed");
        List<Sample> soak = samples.stream().filter(s -> s.second() >= WARM_UP_SECONDS).toList();
        assertTrue(soak.size() >= 8, "too few samples after the warm-up: " + samples.size());
        Sample first = soak.get(0);
        Sample last = soak.get(soak.size() - 1);
        System.out.println("SoakTest: " + last.epochs() + " epochs, " + last.classified() + " classifications, "
                + last.loads() + " model loads and evaluations in " + last.second() + " s; " + done);
        soak.forEach(s -> System.out.println("SoakTest: " + s.describe()));
        assertTrue(done != null && done.startsWith("done STOPPED"), "the training stopped on request: " + done);
        assertTrue(last.epochs() - first.epochs() >= 10 && last.classified() - first.classified() >= 1000
                && last.loads() - first.loads() >= 20, "the soak did too little to mean anything: " + last.describe());

        String range = first.describe() + " -> " + last.describe();
        // Before DigitBatchIterator reused its arrays, resident memory rose by 175 MB in these 70 seconds.
        assertFlat("resident memory", soak, Sample::resident, 64 * MB, range);
        assertFlat("live heap", soak, Sample::heap, 32 * MB, range);
        assertFlat("threads", soak, Sample::threads, 2, range);
        assertFlat("open files", soak, Sample::files, 2, range);
    }

    private static void assertFlat(String what, List<Sample> soak, ToLongFunction<Sample> figure,
                                   long allowedGrowth, String range) {
        long start = median(soak.subList(0, 3), figure);
        long end = median(soak.subList(soak.size() - 3, soak.size()), figure);
        assertTrue(end - start <= allowedGrowth, what + " grew from " + start + " to " + end + ": " + range);
    }

    private static long median(List<Sample> three, ToLongFunction<Sample> figure) {
        long[] values = three.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }
}
