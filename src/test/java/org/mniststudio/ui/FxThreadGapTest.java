package org.mniststudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mniststudio.model.Preset;
import org.mniststudio.train.CpuPriority;
import org.mniststudio.ui.draw.DrawViewModel;
import org.mniststudio.ui.train.TrainViewModel.RunState;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The FX thread is never blocked for long while a network trains. While training runs, the charts fill, the
 * Draw tab re-classifies a drawing with every epoch's network and the tabs are switched:
 * <ul>
 *   <li>an AnimationTimer records the largest gap between two frames, and how much CPU time the FX thread
 *       itself used within each gap (its own work: layout, CSS, handlers);</li>
 *   <li>then, the run going on and the tabs switched again, JFR samples the FX thread's stack and records its
 *       waits ({@link FxThreadActivity}): it must never be inside DL4J/ND4J, the data or training code, nor
 *       wait inside MNIST Studio code.</li>
 * </ul>
 * The largest frame gap, and the FX thread's own work in any one gap, must stay under 100 ms. On a 2-core
 * machine the training this test starts occupies both cores, so three things keep the frames coming: the run
 * gives way to the threads that make frames (TrainingSession#yieldCpuTo, CpuPriority, InteractiveThreads: the
 * FX thread, the renderer and Monocle's pulse timer; the JIT compilers are lowered with the run); the JVM runs
 * ZGC ({@code -XX:+UseZGC} in the tests and the packaged launcher), whose pauses stay under a millisecond where
 * G1's young collections took 60-130 ms with a small MLP training; and the charts' epoch axis is fixed for a
 * run, so a batch of points does not rebuild its tick labels. Measured with all three: 36-64 ms in 8 runs
 * (before: 65-192 ms).
 *
 * <p>The gaps are measured after a 6 s warm-up in which the run goes on and the tabs are switched six times.
 * Measured from the JVM's first seconds, a frame now and then took over 100 ms (CI: 119 and 128 ms, one frame
 * in runs whose others stayed far below) while the JIT compiled the code that frames run (C2 used 5 of the 8
 * measured seconds) and a tab was first laid out and drawn with cold code. With the warm-up: 30-32 ms in 3
 * runs, 33-49 ms in 3 runs with one other busy process on the machine; the warm-up's own largest gap (48-81
 * ms there) is printed, not asserted.
 *
 * <p>The test must not stop the JVM itself: an earlier version read the FX thread's stack through
 * ThreadMXBean every 3 ms, a safepoint each time, and a safepoint waits for every Java thread, the lowered
 * training thread too. With one other busy process on the machine that made gaps of 81-132 ms (3 runs); with
 * JFR's sampling, 48-77 ms (6 runs). JFR too holds the thread it samples for a moment, so it records after the
 * frame gaps are measured, not during. The busiest threads of the measurement are printed, then each gap over
 * 50 ms with where its time went: the FX thread's CPU time; how long the FX thread, the pulse timer and the
 * renderer waited for a CPU; and the hypervisor's steal.
 *
 * <p>This machine is a virtual one: now and then the hypervisor takes its CPUs away for tens of milliseconds
 * ("steal" in /proc/stat; one gap here was 82 ms with 80 ms of steal summed over the two CPUs), which nothing
 * inside the machine can prevent, and then the JVM counts the stolen time as its threads' CPU time too (a
 * CI run: a 218 ms gap with 70 ms stolen from both CPUs and the FX thread "busy" 99 ms). The assertions
 * leave out the gaps in which time was stolen from every CPU, and fail if those are more than 5 % of the
 * gaps; the largest gap of all is printed beside the largest counted one.
 */
@ExtendWith(ApplicationExtension.class)
class FxThreadGapTest {
    static final double MAX_GAP_MILLIS = 100;
    private static final long MEASURE_MILLIS = 8_000;
    private static final long CHECK_MILLIS = 4_000;
    private static final long WARM_UP_MILLIS = 6_000;
    private static final int WARM_UP_SWITCHES = 6;
    private static final long LOGGED_GAP_NANOS = 50_000_000;
    private static final List<String> FORBIDDEN_ON_FX = List.of("org.nd4j.", "org.deeplearning4j.",
            "org.mniststudio.data.", "org.mniststudio.train.", "org.mniststudio.model.ModelFile",
            "org.mniststudio.infer.Classifier", "org.mniststudio.infer.DigitPreprocessor");
    /**
     * What the core hands to the window for display: immutable records and the in-memory images. Reading
     * them on the FX thread is the point of publishing them (an accessor call, no computation).
     */
    private static final List<String> ALLOWED_ON_FX = List.of("org.mniststudio.train.IterationProgress",
            "org.mniststudio.train.TrainingOutcome", "org.mniststudio.train.EvaluationReport",
            "org.mniststudio.train.Misclassification", "org.mniststudio.data.DigitDataset");
    private static Path model;
    private StudioWindow window;

    @BeforeAll
    static void trainTestModel() throws Exception {
        model = TestModels.smallModel();
    }

    @Start
    void start(Stage stage) {
        window = StudioWindow.open(stage, StudioConfig.withModel(model), 1280, 800);
    }

    @Stop
    void stop() {
        window.shutdown();
    }

    @Test
    void theFxThreadIsNeverBlockedForLongWhileTraining(@TempDir Path recordingDir) throws Exception {
        Fx.waitUntil("the start model to load", 60, () -> window.studio().model() != null);
        // JFR starts before the run lowers its threads, so its sampler keeps its priority (it holds the FX
        // thread suspended while it reads its stack), and its start-up (a 40-70 ms safepoint that redefines
        // JFR's event classes) falls outside the measurement.
        try (FxThreadActivity activity = new FxThreadActivity(Fx.call(Thread::currentThread))) {
            activity.prepare();
            measureWhileTraining(activity, recordingDir.resolve("fx.jfr"));
        }
    }

    private void measureWhileTraining(FxThreadActivity activity, Path recording) throws Exception {
        Fx.run(() -> {
            DrawViewModel draw = window.draw();
            draw.beginStroke(0.5, 0.2);
            draw.extendStroke(0.5, 0.8);
            draw.endStroke();
            window.train().presetProperty().set(Preset.MLP_SMALL);
            window.train().epochsProperty().set(500);
            window.train().batchSizeProperty().set(32);
            window.train().trainingImagesProperty().set(6000);
            window.view().tabs().getSelectionModel().select(1);
            window.train().start();
        });
        Fx.waitUntil("training to report", 90, () -> window.train().state() == RunState.RUNNING
                && window.train().recordsDrained() > 0);

        // the run gives way to the threads that make frames, and to nothing else of the window's
        Fx.waitUntil("the run to lower its threads", 30,
                () -> CpuPriority.niceByThreadName().getOrDefault("training", 0) == CpuPriority.BACKGROUND_NICE);
        Map<String, Integer> nice = CpuPriority.niceByThreadName();
        for (String framing : List.of("JavaFX Applicat", "QuantumRenderer", "Monocle Timer", "JFR Thread Samp")) {
            assertEquals(0, nice.get(framing), framing + " keeps its priority: " + nice);
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong maxGap = new AtomicLong();
        AtomicLong maxCountedGap = new AtomicLong();
        AtomicLong maxBusy = new AtomicLong();
        AtomicLong maxCountedBusy = new AtomicLong();
        AtomicLong stolenGaps = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> longGaps = new CopyOnWriteArrayList<>();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path fxSched = Fx.call(() -> SchedulerClock.currentThread().toRealPath()); // resolved on the FX thread
        Path timerSched = SchedulerClock.threadNamed("Monocle Timer").orElse(null);
        Path rendererSched = SchedulerClock.threadNamed("QuantumRenderer").orElse(null);
        FrameReading[] last = {null};
        long[] lastWarmUpFrame = {0};
        AtomicLong warmUpGap = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!measuring.get()) {
                    long time = System.nanoTime();
                    if (lastWarmUpFrame[0] != 0) {
                        warmUpGap.accumulateAndGet(time - lastWarmUpFrame[0], Math::max);
                    }
                    lastWarmUpFrame[0] = time;
                    return;
                }
                FrameReading reading = new FrameReading(System.nanoTime(), threads.getCurrentThreadCpuTime(),
                        SchedulerClock.times(fxSched), SchedulerClock.times(timerSched),
                        SchedulerClock.times(rendererSched), SchedulerClock.stealNanosPerCpu());
                FrameReading previous = last[0];
                last[0] = reading;
                frames.incrementAndGet();
                if (previous == null) {
                    return;
                }
                long gap = reading.time() - previous.time();
                long busy = reading.cpu() - previous.cpu();
                long[] stolen = SchedulerClock.stealBetween(previous.steal(), reading.steal());
                maxGap.accumulateAndGet(gap, Math::max);
                maxBusy.accumulateAndGet(busy, Math::max);
                if (SchedulerClock.stolenFromEveryCpu(stolen) > 0) {
                    // the hypervisor took every CPU of the machine away within this gap: not the window's doing
                    stolenGaps.incrementAndGet();
                } else {
                    maxCountedGap.accumulateAndGet(gap, Math::max);
                    maxCountedBusy.accumulateAndGet(busy, Math::max);
                }
                if (gap > LOGGED_GAP_NANOS) {
                    SchedulerClock.Times fx = reading.fx().minus(previous.fx());
                    SchedulerClock.Times renderer = reading.renderer().minus(previous.renderer());
                    // JVM uptime, to set beside a GC log (-Xlog:gc) when a gap needs explaining
                    longGaps.add(String.format("%.1f ms ending at uptime %.3f s (FX thread busy %.1f ms, "
                            + "waited for a CPU %.1f ms; the pulse timer waited %.1f ms, the renderer %.1f ms; "
                            + "the renderer ran %.1f ms; stolen from every CPU %.0f ms, per CPU %s ms)",
                            gap / 1e6, (System.currentTimeMillis() - jvmStart) / 1e3, busy / 1e6,
                            fx.waitedNanos() / 1e6, reading.timer().minus(previous.timer()).waitedNanos() / 1e6,
                            renderer.waitedNanos() / 1e6, renderer.ranNanos() / 1e6,
                            SchedulerClock.stolenFromEveryCpu(stolen) / 1e6, stolen == null ? "?"
                                    : Arrays.toString(Arrays.stream(stolen).map(v -> v / 1_000_000).toArray())));
                }
            }
        };
        // Warm-up, the run going on: the tabs are switched back and forth before the gaps are measured, so the
        // JIT has compiled what frames run (see the class comment). Its largest gap is printed, not asserted.
        Fx.run(timer::start);
        for (int i = 0; i < WARM_UP_SWITCHES; i++) { // an even count: it ends on the charts, as before
            int tab = i % 2;
            Fx.run(() -> window.view().tabs().getSelectionModel().select(tab));
            Thread.sleep(WARM_UP_MILLIS / WARM_UP_SWITCHES); // the warm-up's duration, not an assertion
        }
        Map<String, SchedulerClock.Times> cpuBefore = SchedulerClock.timesByThreadName();
        measuring.set(true);
        long drainedBefore = Fx.call(() -> window.train().recordsDrained());
        long end = System.currentTimeMillis() + MEASURE_MILLIS;
        boolean switched = false;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(100); // the measurement's duration, not an assertion
            if (!switched && System.currentTimeMillis() > end - MEASURE_MILLIS / 2) {
                Fx.run(() -> window.view().tabs().getSelectionModel().select(0)); // bars follow the live network
                switched = true;
            }
        }
        Fx.run(timer::stop);
        SchedulerClock.busiestThreads(cpuBefore, SchedulerClock.timesByThreadName(), 12)
                .forEach(line -> System.out.println("FxThreadGapTest: thread " + line));
        long drained = Fx.call(() -> window.train().recordsDrained()) - drainedBefore;

        // Then, the run going on, what the FX thread does: recorded after the frame gaps rather than while they
        // were measured, as JFR's sampling every few milliseconds holds the thread it samples for a moment.
        Instant checking = Instant.now();
        activity.start();
        Fx.run(() -> window.view().tabs().getSelectionModel().select(1)); // the charts
        Thread.sleep(CHECK_MILLIS / 2); // the check's duration, not an assertion
        Fx.run(() -> window.view().tabs().getSelectionModel().select(0)); // the bars
        Thread.sleep(CHECK_MILLIS / 2);
        List<FxThreadActivity.Activity> fxActivity = activity.stop(recording, checking);
        boolean stillTraining = Fx.call(() -> window.train().state() == RunState.RUNNING);
        Fx.run(() -> window.train().stop());
        Fx.waitUntil("the run to stop", 60, () -> window.train().state() == RunState.FINISHED);

        double gapMillis = maxGap.get() / 1e6;
        double countedGapMillis = maxCountedGap.get() / 1e6;
        double busyMillis = maxBusy.get() / 1e6;
        double countedBusyMillis = maxCountedBusy.get() / 1e6;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long samples = fxActivity.stream().filter(a -> !a.waited()).count();
        String facts = String.format("largest frame gap %.1f ms (%.1f ms of the %d gaps in which the hypervisor "
                + "took no CPU time from every CPU), most FX-thread work in one gap %.1f ms (%.1f ms), %d frames, %d "
                + "training records drained, %d JFR samples and %d waits of the FX thread, load average %.1f on %d "
                + "cores; largest gap in the warm-up %.1f ms", gapMillis, countedGapMillis,
                frames.get() - 1 - stolenGaps.get(), busyMillis, countedBusyMillis, frames.get(), drained, samples,
                fxActivity.size() - samples, load, cores, warmUpGap.get() / 1e6);
        // CI shows a failure's message, not the test's output: the long gaps go into the message too
        String gaps = longGaps.stream().map(g -> "\n  gap " + g).collect(Collectors.joining());
        System.out.println("FxThreadGapTest: " + facts);
        longGaps.forEach(g -> System.out.println("FxThreadGapTest: gap " + g));
        assertTrue(stillTraining, "training ran through the whole measurement");
        assertTrue(drained > 10, "the charts were fed while measuring: " + facts);
        assertTrue(frames.get() > 20, "the timer ran: " + facts);
        List<String> violations = fxActivity.stream().map(FxThreadGapTest::violation)
                .filter(v -> v != null).toList();
        assertTrue(samples > 0, "JFR sampled the FX thread: " + facts);
        assertTrue(violations.isEmpty(), "the FX thread did work that belongs elsewhere, or waited in the "
                + "application's code (" + violations.size() + " of " + fxActivity.size() + " JFR events):\n"
                + String.join("\n", violations.subList(0, Math.min(5, violations.size()))));
        assertTrue(stolenGaps.get() <= frames.get() / 20, "the hypervisor took the CPUs away in more than 5 % of "
                + "the gaps (" + stolenGaps.get() + "): the measurement says too little. " + facts);
        assertTrue(countedBusyMillis < MAX_GAP_MILLIS, "the FX thread was busy too long: " + facts + gaps);
        assertTrue(countedGapMillis < MAX_GAP_MILLIS, "a frame came too late: " + facts + gaps);
    }

    /** What one frame reads: its time, the FX thread's CPU time, three threads' scheduler times, the steal. */
    private record FrameReading(long time, long cpu, SchedulerClock.Times fx, SchedulerClock.Times timer,
            SchedulerClock.Times renderer, long[] steal) {
    }

    /**
     * Why one JFR event of the FX thread breaks the rule, or null: the FX thread must never run network, data
     * or training code, nor wait (a millisecond or more) inside the application's code.
     */
    private static String violation(FxThreadActivity.Activity activity) {
        String forbidden = activity.firstClass(c -> FORBIDDEN_ON_FX.stream().anyMatch(c::startsWith)
                && !ALLOWED_ON_FX.contains(c));
        String ours = activity.waited() ? activity.firstClass(c -> c.startsWith("org.mniststudio.")) : null;
        String culprit = forbidden != null ? forbidden : ours;
        return culprit == null ? null : activity + " (in " + culprit + ")";
    }
}
