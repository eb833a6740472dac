package io.strata.storage;

import java.nio.ByteBuffer;

/**
 * A read-only view of a volume as of one of its points, open while the volume keeps changing (and even
 * after it is backtracked or deleted). Holds a lease: GC keeps what it reads until {@link #close()}.
 *
 * <p>Concurrency: thread-safe; reads never block the volume's writer.
 */
public final class VolumeView implements AutoCloseable {
    private final PageStore store;
    private final String volume;
    private final VolumeState.PointEntry point;
    private final ViewLeases.Lease lease;
    private volatile boolean closed;

    VolumeView(PageStore store, VolumeState v, VolumeState.PointEntry point) {
        this.store = store;
        this.volume = v.name;
        this.point = point;
        this.lease = store.leases.add(point.timeline(), point.lsn());
    }

    public Point point() {
        return new Point(new Lsn(point.lsn()), Catalog.micros(point.micros()));
    }

    public long size() {
        return point.timeline().sizeAt(point.lsn());
    }

    /** FileChannel semantics: -1 at or past the end, else min(remaining, size - position) bytes. */
    public int read(ByteBuffer dst, long position) {
        if (closed) {
            throw new IllegalStateException("view of " + volume + " is closed");
        }
        return Reads.read(store, volume, point.timeline(), point.lsn(), dst, position);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.leases.remove(lease);
        }
    }
}
