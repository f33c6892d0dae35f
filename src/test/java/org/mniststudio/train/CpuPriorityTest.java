package org.mniststudio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.Preset;

/** Training started from the window gives way to the window's threads: they keep their priority, it lowers its own. */
class CpuPriorityTest {
    @Test
    void lowersTheThreadsNotKeptAndLeavesTheKeptOnesAlone() throws Exception {
        int before = CpuPriority.currentThreadNice();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch lowered = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        AtomicInteger workerNiceBefore = new AtomicInteger(Integer.MIN_VALUE);
        AtomicInteger workerNice = new AtomicInteger(Integer.MIN_VALUE);
        Thread worker = new Thread(() -> {
            try {
                // a new thread starts at its creator's nice value, which an earlier test may have raised
                workerNiceBefore.set(CpuPriority.currentThreadNice());
                ready.countDown();
                lowered.await();
                workerNice.set(CpuPriority.currentThreadNice());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                measured.countDown();
            }
        }, "cpu-priority-wk");
        worker.setDaemon(true);
        worker.start();
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        int count = CpuPriority.lowerAllThreadsExcept(name -> !name.equals("cpu-priority-wk"));
        lowered.countDown();
        assertTrue(measured.await(10, TimeUnit.SECONDS));
        assertEquals(workerNiceBefore.get() < CpuPriority.BACKGROUND_NICE ? 1 : 0, count,
                "only the one thread not kept is lowered, if it was not low already");
        assertEquals(Math.max(CpuPriority.BACKGROUND_NICE, workerNiceBefore.get()), workerNice.get());
        assertEquals(before, CpuPriority.currentThreadNice(), "a kept thread keeps its priority");
    }

    @Test
    void jfrsSamplerKeepsItsPriorityAsItHoldsTheThreadsItSamples() throws Exception {
        assertTrue(CpuPriority.isJvmThread("JFR Thread Samp"), "JFR's sampler is one of the JVM's own threads");
        // And in this process. A thread starts at its creator's nice value: if an earlier test lowered this one,
        // the sampler starts lowered and this part proves little; FxThreadGapTest checks it in a JVM of its own.
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
            recording.start();
            Map<String, Integer> before = CpuPriority.niceByThreadName();
            assertTrue(before.containsKey("JFR Thread Samp"), "JFR's sampler runs: " + before.keySet());
            // only JFR's threads are offered for lowering: they are the JVM's own and must stay as they are
            int lowered = CpuPriority.lowerAllThreadsExcept(name -> !name.startsWith("JFR "));
            assertEquals(0, lowered);
            assertEquals(before.get("JFR Thread Samp"), CpuPriority.niceByThreadName().get("JFR Thread Samp"));
        }
    }

    @Test
    void aSessionThatYieldsTrainsAtBackgroundPriority() throws Exception {
        List<Integer> niceDuringEpochs = new CopyOnWriteArrayList<>();
        TrainingSession session = new TrainingSession(new TrainingRequest(Preset.MLP_SMALL,
                Preset.MLP_SMALL.defaults().withEpochs(2).withBatchSize(100), TestData.training().head(2000)));
        session.addObserver(new TrainingObserver() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                niceDuringEpochs.add(CpuPriority.currentThreadNice()); // observers run on the training thread
            }
        });
        session.yieldCpuTo(name -> !name.startsWith("training"));
        session.start();
        TrainingOutcome outcome = session.awaitOutcome(60, TimeUnit.SECONDS);
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertEquals(List.of(CpuPriority.BACKGROUND_NICE, CpuPriority.BACKGROUND_NICE), niceDuringEpochs);
    }
}
