package org.mniststudio.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What one thread ran and where it waited, recorded by JFR: execution samples with their stacks (JDK 17
 * samples up to 5 threads running Java per period and 1 thread in native code, in turn), and every wait on
 * a monitor, a lock or a sleep of a millisecond or more. JFR samples a
 * thread by suspending it alone; a sampler that took stack traces through {@code Thread#getStackTrace} or
 * {@code ThreadMXBean} would stop the whole JVM at a safepoint each time (JDK 17), and a test of frame gaps
 * would then measure its own pauses (measured: 2,000 safepoints in 15 s, one of 16 ms).
 */
final class FxThreadActivity implements AutoCloseable {
    private static final List<String> SAMPLES = List.of("jdk.ExecutionSample", "jdk.NativeMethodSample");
    private static final List<String> WAITS = List.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.ThreadPark", "jdk.ThreadSleep");
    /** Only to start JFR, and its sampler thread, ahead of time: it samples once a second. */
    private final Recording ready = new Recording();
    private final Recording recording = new Recording();
    private final long threadId;

    FxThreadActivity(Thread thread) {
        this.threadId = thread.getId();
        ready.setName("fx-thread-activity-ready");
        ready.enable("jdk.ExecutionSample").withPeriod(Duration.ofSeconds(1));
        recording.setName("fx-thread-activity");
        // JDK 17's sampler takes one thread in native code per period, in turn: a short period, so that the FX
        // thread running ND4J (native code, mostly) would be caught within a few periods
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(2));
        for (String wait : WAITS) {
            recording.enable(wait).withThreshold(Duration.ofMillis(1)).withStackTrace();
        }
    }

    /**
     * Starts JFR without recording much yet: its first start redefines its event classes (a safepoint of
     * 40-70 ms here) and creates its sampler thread, which takes the nice value of the thread that starts it.
     */
    void prepare() {
        ready.start();
    }

    /** Starts recording the thread's samples and waits. */
    void start() {
        recording.start();
    }

    /** Stops recording and returns the thread's samples and waits from {@code since} on. */
    List<Activity> stop(Path file, Instant since) throws IOException {
        recording.stop();
        ready.stop();
        recording.dump(file);
        List<Activity> activities = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            boolean waited = WAITS.contains(type);
            if (!waited && !SAMPLES.contains(type)) {
                continue; // a dump holds the events of any other recording running, -XX:StartFlightRecording's too
            }
            RecordedThread thread = waited ? event.getThread() : event.getThread("sampledThread");
            if (thread == null || thread.getJavaThreadId() != threadId || event.getStackTrace() == null
                    || event.getEndTime().isBefore(since)) {
                continue;
            }
            List<String> classes = event.getStackTrace().getFrames().stream()
                    .filter(RecordedFrame::isJavaFrame).map(f -> f.getMethod().getType().getName()).toList();
            String top = event.getStackTrace().getFrames().isEmpty() ? "?"
                    : describe(event.getStackTrace().getFrames().get(0));
            activities.add(new Activity(type, waited, waited ? event.getDuration() : Duration.ZERO, classes, top));
        }
        return activities;
    }

    @Override
    public void close() {
        recording.close();
        ready.close();
    }

    private static String describe(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
    }

    /** One sample of the thread (what it was running) or one wait of it, with the classes on its stack. */
    record Activity(String eventType, boolean waited, Duration duration, List<String> classes, String top) {
        /** The first class on the stack, from the top, that {@code matches} accepts, or null. */
        String firstClass(Predicate<String> matches) {
            return classes.stream().filter(matches).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return (waited ? eventType + " " + duration.toMillis() + " ms" : eventType) + " at " + top;
        }
    }
}
