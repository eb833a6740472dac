package io.strata.storage;

import io.strata.storage.index.Timeline;
import io.strata.storage.log.RecordType;
import io.strata.storage.log.SegmentLog;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A versioned file: byte-addressed reads and writes at any offset, {@link #size()}, {@link #truncate}, and
 * durable {@link Point}s. A handle: cheap to make, equal handles see the same volume.
 *
 * <p>Reads see every write so far, acknowledged or not. Only points are durable: after a crash a volume
 * comes back at its last point. Concurrency: thread-safe; writes, points and backtracks of one volume are
 * serialised; reads run concurrently with them.
 */
public final class Volume {
    final PageStore store;
    final VolumeState state;

    Volume(PageStore store, VolumeState state) {
        this.store = store;
        this.state = state;
    }

    public VolumeId id() {
        return state.id;
    }

    public String name() {
        return state.name;
    }

    public Instant createdTime() {
        return Catalog.micros(state.createdMicros);
    }

    VolumeState live() {
        store.requireOpen();
        if (state.deleted) {
            throw new NoSuchPointException("volume " + state.name + " was deleted");
        }
        return state;
    }

    // ---- data ----

    public long size() {
        return live().head.sizeAt(Long.MAX_VALUE);
    }

    /** FileChannel semantics: -1 at or past the end, else min(remaining, size - position) bytes. */
    public int read(ByteBuffer dst, long position) {
        VolumeState v = live();
        return Reads.read(store, v.name, v.head, Long.MAX_VALUE, dst, position);
    }

    /** Writes all of {@code src} at {@code position}, extending the volume if needed. Returns bytes written. */
    public int write(ByteBuffer src, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        VolumeState v = live();
        int total = src.remaining();
        // One log write for all the pages of this write (H2 writes a whole chunk in one call). Each page gets
        // its own buffer: an encoded page may wrap it, and the records are written after the loop.
        List<SegmentLog.Pending> records = new ArrayList<>(total / PageCodec.PAGE + 2);
        v.writer.lock();
        try {
            Timeline t = v.head;
            long size = t.sizeAt(Long.MAX_VALUE);
            long pos = position;
            while (src.hasRemaining()) {
                byte[] page = new byte[PageCodec.PAGE];
                long pageNo = pos / PageCodec.PAGE;
                int inPage = (int) (pos % PageCodec.PAGE);
                int len = Math.min(src.remaining(), PageCodec.PAGE - inPage);
                if (len < PageCodec.PAGE) {
                    // A partial page keeps the bytes around it: read the current image first.
                    Reads.readPage(store, v.name, t, Long.MAX_VALUE, pageNo, page);
                    if (pageNo * PageCodec.PAGE + PageCodec.PAGE > size) {
                        int valid = (int) Math.max(0, size - pageNo * PageCodec.PAGE);
                        java.util.Arrays.fill(page, valid, PageCodec.PAGE, (byte) 0);
                    }
                }
                src.get(page, inPage, len);
                size = Math.max(size, pos + len);
                PageCodec.Encoded e = PageCodec.encode(page);
                records.add(new SegmentLog.Pending(RecordType.PAGE, e.flags(), t.id.value(), pageNo, size, e.payload()));
                pos += len;
            }
            if (!records.isEmpty()) {
                store.appendPages(records);
            }
        } finally {
            v.writer.unlock();
        }
        return total;
    }

    /** Sets the size; bytes past it read as zeros if the volume grows again. */
    public void truncate(long newSize) {
        if (newSize < 0) {
            throw new IllegalArgumentException("negative size " + newSize);
        }
        VolumeState v = live();
        v.writer.lock();
        try {
            long size = v.head.sizeAt(Long.MAX_VALUE);
            if (newSize >= size) {
                return;
            }
            int tail = (int) (newSize % PageCodec.PAGE);
            if (tail != 0) {
                // Zero the rest of the last partial page so a later extension reads zeros there.
                byte[] page = new byte[PageCodec.PAGE];
                long pageNo = newSize / PageCodec.PAGE;
                Reads.readPage(store, v.name, v.head, Long.MAX_VALUE, pageNo, page);
                java.util.Arrays.fill(page, tail, PageCodec.PAGE, (byte) 0);
                PageCodec.Encoded e = PageCodec.encode(page);
                store.append(RecordType.PAGE, e.flags(), v.head, pageNo, size, e.payload());
            }
            store.append(RecordType.TRUNCATE, 0, v.head, 0, newSize, null);
        } finally {
            v.writer.unlock();
        }
    }

    // ---- points ----

    /** Marks a point covering every write so far and returns once it is durable (fsync; shared with others). */
    public Point mark() {
        Point p = markLazily();
        awaitDurable(p);
        return p;
    }

    /** Marks a point now; it becomes durable by {@link #awaitDurable} (lets callers fsync outside their locks). */
    public Point markLazily() {
        VolumeState v = live();
        v.writer.lock();
        try {
            long lsn = store.appendPoint(v);
            return toPoint(store.retainedPoint(v, lsn));
        } finally {
            v.writer.unlock();
        }
    }

    public void awaitDurable(Point p) {
        store.awaitDurable(p.lsn().value());
    }

    public Point latestPoint() {
        VolumeState v = live();
        synchronized (store.catalog) {
            return toPoint(v.latestPoint());
        }
    }

    /** Retained points, oldest first, including those of states later backtracked over. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        for (VolumeState.PointEntry p : store.catalog.pointsOf(live())) {
            out.add(toPoint(p));
        }
        return out;
    }

    /** The last retained point marked at or before {@code time}: the state the volume had then. */
    public Optional<Point> pointAtOrBefore(Instant time) {
        VolumeState v = live();
        synchronized (store.catalog) {
            VolumeState.PointEntry p = v.pointAtOrBefore(Catalog.toMicros(time));
            return Optional.ofNullable(p).map(Volume::toPoint);
        }
    }

    /** Opens a read-only view as of a retained point. */
    public VolumeView openView(Lsn point) {
        return store.openView(live(), point);
    }

    public RestorableRange range() {
        VolumeState v = live();
        synchronized (store.catalog) {
            Instant earliest = Catalog.micros(v.points.get(0).micros());
            Instant latest = Catalog.micros(v.latestPoint().micros());
            Instant windowStart = Instant.now().minusMillis(v.retentionMillis);
            Instant earliestBacktrack = earliest.isAfter(windowStart) ? earliest : windowStart;
            if (earliestBacktrack.isAfter(latest)) {
                earliestBacktrack = latest;
            }
            return new RestorableRange(earliest, latest, earliestBacktrack);
        }
    }

    // ---- backtrack ----

    /**
     * Sets the volume's state to its state at {@code to}: the last point marked at or before it, which may be
     * on a state itself backtracked over (back and forth within the window). O(1): a new timeline branches
     * from that point. Writes after the volume's last point are dropped. Any engine on the volume must be
     * closed first, since it caches pages. Like a clone, durable at the next point or {@link PageStore#sync()}.
     *
     * @throws NoSuchPointException if {@code to} is in the future, before the window or before the volume existed,
     *         or the volume's retention window is 0 (backtracking disabled)
     */
    public Backtrack backtrack(Instant to) {
        VolumeState v = live();
        if (v.retentionMillis == 0) {
            throw new NoSuchPointException("cannot backtrack " + v.name + ": backtracking is disabled (its retention"
                    + " window is 0; set one with setRetention)");
        }
        if (to.isAfter(Instant.now())) {
            throw new NoSuchPointException("cannot backtrack " + v.name + " to " + to + ": it is in the future");
        }
        v.writer.lock();
        try {
            RestorableRange range = range();
            if (to.isBefore(range.earliestBacktrack())) {
                throw new NoSuchPointException("cannot backtrack " + v.name + " to " + to
                        + ": the earliest backtrack time is " + range.earliestBacktrack());
            }
            VolumeState.PointEntry target;
            VolumeState.PointEntry from;
            synchronized (store.catalog) {
                target = v.pointAtOrBefore(Catalog.toMicros(to));
                from = v.latestPoint();
            }
            if (target == null) {
                throw new NoSuchPointException("volume " + v.name + " has no point at or before " + to);
            }
            synchronized (store) {
                store.appendEvent(new CatalogEvent.HeadMoved(v.id.value(), store.catalog.nextTimelineId,
                        store.catalog.nextBacktrackId, Catalog.toMicros(to), target.lsn(), target.micros(), from.lsn(),
                        from.micros(), store.nowMicros(), target.timeline().id.value()));
            }
            synchronized (store.catalog) {
                return v.backtracks.get(v.backtracks.size() - 1);
            }
        } finally {
            v.writer.unlock();
        }
    }

    public List<Backtrack> backtracks() {
        VolumeState v = live();
        synchronized (store.catalog) {
            return List.copyOf(v.backtracks);
        }
    }

    // ---- retention ----

    public VolumeOptions options() {
        return VolumeOptions.withRetention(Duration.ofMillis(state.retentionMillis));
    }

    public void setRetention(Duration retention) {
        VolumeOptions o = VolumeOptions.withRetention(retention);
        store.awaitDurable(store.appendEvent(new CatalogEvent.RetentionSet(live().id.value(), o.retention().toMillis())));
    }

    /** Keeps a point beyond the retention window (a snapshot) until {@link #unpin}. */
    public void pin(Lsn point) {
        VolumeState v = live();
        store.retainedPoint(v, point.value());
        store.awaitDurable(store.appendEvent(new CatalogEvent.PinSet(v.id.value(), point.value(), true)));
    }

    public void unpin(Lsn point) {
        store.awaitDurable(store.appendEvent(new CatalogEvent.PinSet(live().id.value(), point.value(), false)));
    }

    /** Bytes this volume holds alone vs shares with others; a walk over the index, O(versions). */
    public SpaceUsage space() {
        return new GarbageCollector(store).spaceOf(live());
    }

    static Point toPoint(VolumeState.PointEntry p) {
        return new Point(new Lsn(p.lsn()), Catalog.micros(p.micros()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Volume other && other.state == state;
    }

    @Override
    public int hashCode() {
        return state.id.hashCode();
    }

    @Override
    public String toString() {
        return "Volume[" + state.name + ", " + state.id + "]";
    }
}
