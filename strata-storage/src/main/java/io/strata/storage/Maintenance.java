package io.strata.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The store's background thread: checkpoints the index when enough log was written since the last one
 * (bounding restart time), and collects garbage every {@link StoreOptions#gcInterval()}. Kept off the
 * writers' threads so no commit waits for either.
 */
final class Maintenance implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private final PageStore store;
    private final Thread thread;
    private volatile boolean stopping;
    private boolean woken;

    Maintenance(PageStore store) {
        this.store = store;
        this.thread = new Thread(this, "strata-storage-maintenance");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    void stop() {
        stopping = true;
        wake();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        Duration interval = store.options.gcInterval();
        long nextGc = interval.isZero() ? Long.MAX_VALUE : System.nanoTime() + interval.toNanos();
        while (!stopping) {
            synchronized (this) {
                long waitMs = Math.max(1, Math.min(1000, (nextGc - System.nanoTime()) / 1_000_000));
                if (!woken) {
                    try {
                        wait(waitMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
            if (stopping) {
                return;
            }
            try {
                if (System.nanoTime() >= nextGc) {
                    GcReport r = store.gc();
                    LOG.debug("gc: {}", r);
                    nextGc = System.nanoTime() + interval.toNanos();
                }
                if (store.checkpointDue()) {
                    store.checkpoint();
                }
            } catch (RuntimeException e) {
                LOG.warn("storage maintenance failed; will retry: {}", e.toString());
            }
        }
    }
}
