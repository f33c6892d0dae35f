package org.mniststudio.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One background thread that runs only the newest job: jobs submitted while another runs replace each
 * other, so a fast stream of requests (a stroke being drawn) never queues up stale work.
 */
public final class LatestWinsExecutor implements AutoCloseable {
    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private final ExecutorService thread;

    public LatestWinsExecutor(String name) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void submit(Runnable job) {
        if (pending.getAndSet(job) == null) {
            thread.execute(() -> {
                Runnable next = pending.getAndSet(null);
                if (next != null) {
                    next.run();
                }
            });
        }
    }

    @Override
    public void close() {
        pending.set(null);
        thread.shutdownNow();
    }
}
