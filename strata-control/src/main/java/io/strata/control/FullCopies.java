package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.storage.Lsn;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Full-copy restores running in the background, as Aurora runs them: RestoreDBClusterToPointInTime answers at
 * once with the new cluster {@code creating}; a worker copies every page (no lock held: the copy reads a view of
 * the source, which the source's writers and backtracks do not disturb) and reports its progress; then the
 * cluster becomes {@code available}. A copy that fails leaves the cluster {@code failed} with its partial volume
 * deleted. A copy cut short by {@link #close()} (server stop) or a crash is found {@code creating} at the next
 * open and settled the same way ({@code ControlPlane#recover}).
 *
 * <p>Concurrency: thread-safe. One worker thread per copy (copies are disk-bound and rare).
 */
final class FullCopies {
    private static final Logger LOG = LoggerFactory.getLogger(FullCopies.class);
    private final Context ctx;
    private final Map<String, Copy> running = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "strata-full-copy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    /** One copy's progress; written by its worker, read by Describe. */
    private static final class Copy {
        final String sourceId;
        volatile long done;
        volatile long total;

        Copy(String sourceId) {
            this.sourceId = sourceId;
        }
    }

    FullCopies(Context ctx) {
        this.ctx = ctx;
    }

    /** The progress of cluster {@code id}'s copy in whole percent, or null if none runs. */
    Integer percent(String id) {
        Copy c = running.get(id);
        if (c == null) {
            return null;
        }
        return c.total == 0 ? 0 : (int) Math.min(100, c.done * 100 / c.total);
    }

    /**
     * Starts copying {@code from} at {@code at} into the new volume of {@code target}, whose record is committed
     * with status {@code creating}.
     */
    void start(ClusterRecord target, String sourceId, Volume from, Lsn at, VolumeOptions opts) {
        Copy copy = new Copy(sourceId);
        running.put(target.id(), copy);
        workers.execute(() -> {
            try {
                ctx.store.fullCopy(from, at, target.volumeName(), opts, (done, total) -> {
                    if (closing) {
                        throw new CancellationException("the server is stopping");
                    }
                    copy.done = done;
                    copy.total = total;
                });
                // The copy must be durable before the catalog says the cluster is available.
                ctx.store.sync();
                finish(target.id(), null);
            } catch (RuntimeException | Error e) {
                if (closing) {
                    LOG.warn("full copy into {} cut short by the server stopping; it will show as failed", target.id());
                    return;
                }
                LOG.error("full copy into cluster {} failed", target.id(), e);
                finish(target.id(), e);
            } finally {
                running.remove(target.id());
            }
        });
    }

    /** True while a copy reads cluster {@code sourceId} (which may then not be deleted). */
    boolean isCopyingFrom(String sourceId) {
        return running.values().stream().anyMatch(c -> c.sourceId.equals(sourceId));
    }

    private void finish(String id, Throwable failure) {
        ctx.locks.with(Locks.cluster(id), () -> {
            ClusterRecord c = ctx.catalog.cluster(id).orElse(null);
            if (c == null) {
                return null;
            }
            if (failure != null) {
                ctx.store.volume(c.volumeName()).ifPresent(ctx.store::delete);
            }
            // The copy no longer reads its source: once the catalog shows the end, the source may be deleted.
            running.remove(id);
            ctx.catalog.put(c.withStatus(failure == null ? ClusterStatus.AVAILABLE : ClusterStatus.FAILED));
            ctx.catalog.commit();
            return null;
        });
    }

    /** Stops every copy (each at its next page) and waits for the workers. */
    void close() {
        closing = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("full copies still running after 30 s at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
