package org.mniststudio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mniststudio.TestData;
import org.mniststudio.model.EpochMetrics;
import org.mniststudio.model.Preset;

/** Training started from the window gives way to the window's threads: they keep their priority, it lowers its own. */
class CpuPriorityTest {
    @Test
    void lowersTheThreadsNotKeptAndLeavesTheKeptOnesAlone() throws Exception {
        int before = CpuPriority.currentThreadNice();
        CountDownLatch lowered = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        AtomicInteger workerNice = new AtomicInteger(Integer.MIN_VALUE);
        Thread worker = new Thread(() -> {
            try {
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
        int count = CpuPriority.lowerAllThreadsExcept(name -> !name.equals("cpu-priority-wk"));
        lowered.countDown();
        assertTrue(measured.await(10, TimeUnit.SECONDS));
        assertEquals(1, count, "only the one thread not kept is lowered");
        assertEquals(CpuPriority.BACKGROUND_NICE, workerNice.get());
        assertEquals(before, CpuPriority.currentThreadNice(), "a kept thread keeps its priority");
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
