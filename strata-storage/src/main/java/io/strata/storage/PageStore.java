package io.strata.storage;

import io.strata.storage.index.Timeline;
import io.strata.storage.log.Appended;
import io.strata.storage.log.LogRecord;
import io.strata.storage.log.RecordType;
import io.strata.storage.log.SegmentLog;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store of versioned volumes in one directory: the log ({@code log/*.seg}) and the index checkpoint
 * ({@code checkpoint}). The public face of the storage layer; see docs/ARCHITECTURE.md.
 *
 * <p>Every change is a log record appended and then applied to the in-memory {@link Catalog}. Clone,
 * point-in-time view and backtrack append a handful of records and create one {@link Timeline}: O(1) in the
 * size of the volume and of the history.
 *
 * <p>Concurrency: thread-safe. Writes to one volume are serialised; different volumes write concurrently
 * and share fsyncs (group commit). Readers never block writers of other volumes.
 *
 * <p>Lock order (a thread holding one may take only those after it): a volume's writer lock, this store's
 * monitor (volume names and ids), the checkpoint lock, {@link #mutation}, a timeline's lock, the log's monitor,
 * the catalog's monitor. {@link #nowMicros()} takes none, so it may be called under any of them.
 */
public final class PageStore implements AutoCloseable {
    final Path dir;
    final StoreOptions options;
    final Catalog catalog;
    final SegmentLog log;
    /**
     * Shared by every append-then-apply; exclusive for a checkpoint, which must see an index that holds
     * exactly the records before the log position it records.
     */
    final ReentrantReadWriteLock mutation = new ReentrantReadWriteLock();
    final ViewLeases leases = new ViewLeases();
    private final java.util.concurrent.atomic.AtomicLong lastMicros = new java.util.concurrent.atomic.AtomicLong();
    private volatile long checkpointedAt;
    private volatile boolean closed;
    private final Object closing = new Object();
    private final Object checkpointing = new Object();
    private final Maintenance maintenance;

    private PageStore(Path dir, StoreOptions options, Catalog catalog, SegmentLog log) {
        this.dir = dir;
        this.options = options;
        this.catalog = catalog;
        this.log = log;
        this.checkpointedAt = log.appendedBytes();
        this.maintenance = new Maintenance(this);
    }

    public static PageStore open(Path dir) {
        return open(dir, StoreOptions.defaults());
    }

    /** Opens or creates a store: loads the checkpoint, replays the log after it, cuts a torn tail. */
    public static PageStore open(Path dir, StoreOptions options) {
        Checkpoint.Loaded loaded = Checkpoint.load(dir);
        Catalog catalog = loaded.catalog();
        SegmentLog log = SegmentLog.open(dir.resolve("log"), options.segmentBytes(), options.fsync(),
                loaded.segment(), loaded.offset(), loaded.nextLsn(), catalog::apply);
        PageStore store = new PageStore(dir, options, catalog, log);
        catalog.unpointedWrites().forEach((timeline, lastPoint) ->
                store.append(RecordType.REWIND, 0, catalog.timelines.get(timeline), 0, lastPoint, null));
        log.awaitDurable(log.lastLsn());
        store.maintenance.start();
        return store;
    }

    // ---- volumes ----

    /** Creates an empty volume; fails if the name is taken. */
    public Volume createVolume(String name, VolumeOptions opts) {
        requireOpen();
        synchronized (this) {
            requireFreeName(name);
            long vol = catalog.nextVolumeId;
            awaitDurable(appendEvent(new CatalogEvent.VolumeCreated(vol, name, opts.retention().toMillis(),
                    catalog.nextTimelineId, nowMicros(), 0, 0)));
            return new Volume(this, catalog.volumes.get(vol));
        }
    }

    public Optional<Volume> volume(String name) {
        VolumeState v = catalog.byName.get(name);
        return v == null ? Optional.empty() : Optional.of(new Volume(this, v));
    }

    public Volume volume(VolumeId id) {
        VolumeState v = catalog.volumes.get(id.value());
        if (v == null) {
            throw new NoSuchPointException("no volume " + id);
        }
        return new Volume(this, v);
    }

    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        catalog.liveVolumes().stream().sorted(Comparator.comparingLong(v -> v.id.value()))
                .forEach(v -> out.add(new Volume(this, v)));
        return out;
    }

    /**
     * Clones {@code source} as of the point {@code at} (null: its latest point) into a new volume named
     * {@code name}. O(1): the clone's timeline branches from the source's; no page is copied.
     *
     * <p>Returns without an fsync: the clone is durable once any later point of any volume is (the log is
     * durable as a prefix), or after {@link #sync()}. Callers that acknowledge the clone to someone call
     * {@link #sync()} first; the fsync is shared with every other writer waiting at that moment.
     */
    public Volume clone(Volume source, Lsn at, String name) {
        return clone(source, at, name, VolumeOptions.withRetention(java.time.Duration.ofMillis(source.state.retentionMillis)));
    }

    public Volume clone(Volume source, Lsn at, String name, VolumeOptions opts) {
        requireOpen();
        synchronized (this) {
            requireFreeName(name);
            VolumeState src = source.live();
            VolumeState.PointEntry p = at == null ? latestPoint(src) : retainedPoint(src, at.value());
            return branchVolume(p.timeline(), p.lsn(), name, opts);
        }
    }

    Volume branchVolume(Timeline from, long lsn, String name, VolumeOptions opts) {
        long vol = catalog.nextVolumeId;
        appendEvent(new CatalogEvent.VolumeCreated(vol, name, opts.retention().toMillis(), catalog.nextTimelineId,
                nowMicros(), from.id.value(), lsn));
        return new Volume(this, catalog.volumes.get(vol));
    }

    /** Returns once everything appended so far (clones, backtracks, writes, points) is on stable storage. */
    public void sync() {
        requireOpen();
        log.awaitDurable(log.lastLsn());
    }

    /**
     * Materialises {@code source} as of {@code at} (null: latest point) into a new volume that shares no
     * page with it (RDS's full-copy restore). O(size); reports progress.
     */
    public Volume fullCopy(Volume source, Lsn at, String name, VolumeOptions opts, ProgressListener progress) {
        try (VolumeView view = openView(source.live(), at)) {
            Volume target = createVolume(name, opts);
            long size = view.size();
            byte[] page = new byte[PageCodec.PAGE];
            for (long pos = 0; pos < size; pos += PageCodec.PAGE) {
                ByteBuffer b = ByteBuffer.wrap(page, 0, (int) Math.min(PageCodec.PAGE, size - pos));
                view.read(b, pos);
                b.flip();
                if (!allZero(page, b.limit()) || pos + b.limit() == size) {
                    target.write(b, pos);
                }
                progress.progress(Math.min(pos + PageCodec.PAGE, size), size);
            }
            target.mark();
            return target;
        }
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Deletes a volume. Its clones keep working: the history they branch from stays until nothing reads it. */
    public void delete(Volume volume) {
        requireOpen();
        VolumeState v = volume.live();
        v.writer.lock(); // before the store's monitor: see the lock order above
        try {
            synchronized (this) {
                awaitDurable(appendEvent(new CatalogEvent.VolumeDeleted(volume.live().id.value())));
            }
        } finally {
            v.writer.unlock();
        }
        new GarbageCollector(this).dropDeadTimelines();
    }

    /** Reclaims page versions no retained point of any volume can read; see {@link GarbageCollector}. */
    public GcReport gc() {
        requireOpen();
        return new GarbageCollector(this).run();
    }

    /** Writes an index checkpoint now, so a restart replays nothing before this moment. */
    public void checkpoint() {
        requireOpen();
        // One checkpoint at a time, encoded, forced and stored in that order: a checkpoint stored after a newer
        // one would send recovery back to log segments GC may already have deleted.
        synchronized (checkpointing) {
            byte[] image;
            long appended;
            mutation.writeLock().lock(); // writers wait only while the index is encoded
            try {
                long[] pos = log.position();
                image = Checkpoint.encode(catalog, pos[0], pos[1], log.lastLsn() + 1);
                appended = log.appendedBytes();
            } finally {
                mutation.writeLock().unlock();
            }
            // The checkpoint stands in for every record before its position: they must be durable before it is.
            log.force();
            Checkpoint.store(dir, image, options.fsync());
            checkpointedAt = appended;
        }
    }

    /**
     * Writes to the log files so far (each a positional write of one or more records): with {@link #fsyncs()},
     * the machine-independent cost of a commit. Not persisted; counts from {@link #open}.
     */
    public long logWrites() {
        return log.writeCount();
    }

    /** Forces (fsyncs) of the log made to make appends durable so far; counts from {@link #open}. */
    public long fsyncs() {
        return log.forceCount();
    }

    /** Bytes of all log segments on disk. */
    public long diskBytes() {
        return log.totalBytes();
    }

    // ---- internals shared with Volume, VolumeView and GarbageCollector ----

    Appended append(RecordType type, int flags, Timeline t, long arg, long size, ByteBuffer payload) {
        mutation.readLock().lock();
        Appended a;
        try {
            a = log.append(type, flags, t.id.value(), arg, size, payload);
            catalog.apply(new LogRecord(type, flags, a.lsn(), t.id.value(), arg, size, payload), a.loc());
        } finally {
            mutation.readLock().unlock();
        }
        maybeCheckpoint();
        return a;
    }

    /**
     * Appends page records of timeline {@code t} with one log write ({@link SegmentLog#appendAll}), then
     * indexes them in order; {@code pages} are {@code PAGE} records (arg: page number, size: volume size).
     */
    void appendPages(List<SegmentLog.Pending> pages) {
        mutation.readLock().lock();
        try {
            List<Appended> appended = log.appendAll(pages);
            for (int i = 0; i < pages.size(); i++) {
                SegmentLog.Pending p = pages.get(i);
                Appended a = appended.get(i);
                catalog.apply(new LogRecord(p.type(), p.flags(), a.lsn(), p.timeline(), p.arg(), p.size(), p.payload()),
                        a.loc());
            }
        } finally {
            mutation.readLock().unlock();
        }
        maybeCheckpoint();
    }

    long appendEvent(CatalogEvent e) {
        ByteBuffer payload = CatalogEvent.encode(e);
        mutation.readLock().lock();
        try {
            Appended a = log.append(RecordType.META, 0, 0, 0, 0, payload);
            catalog.apply(new LogRecord(RecordType.META, 0, a.lsn(), 0, 0, 0, payload), a.loc());
            return a.lsn();
        } finally {
            mutation.readLock().unlock();
        }
    }

    /** Appends a point on the volume's head; caller holds the volume's writer lock or the store monitor. */
    long appendPoint(VolumeState v) {
        return append(RecordType.POINT, 0, v.head, v.id.value(), nowMicros(), null).lsn();
    }

    void awaitDurable(long lsn) {
        log.awaitDurable(lsn);
    }

    /** Asks the maintenance thread for a checkpoint once enough log has been written since the last one. */
    private void maybeCheckpoint() {
        if (checkpointDue()) {
            maintenance.wake();
        }
    }

    boolean checkpointDue() {
        return log.appendedBytes() - checkpointedAt > options.checkpointEveryBytes();
    }

    /**
     * Wall-clock micros, strictly increasing across the store so every point has its own time. Lock-free:
     * writers call it holding their volume's writer lock, which must never wait for the store's monitor.
     */
    long nowMicros() {
        long now = Catalog.toMicros(Instant.now());
        return lastMicros.updateAndGet(last -> Math.max(now, last + 1));
    }

    /** The volume's latest point, read under the catalog monitor (GC rewrites point lists under it). */
    VolumeState.PointEntry latestPoint(VolumeState v) {
        synchronized (catalog) {
            return v.latestPoint();
        }
    }

    /**
     * A view of {@code v} as of its retained point {@code at} (null: the latest). The point is looked up and
     * the view's lease taken under the mutation lock: GC expires points and collects read points holding it
     * exclusively, so it either sees the lease or ran before the lookup (which then fails).
     */
    VolumeView openView(VolumeState v, Lsn at) {
        mutation.readLock().lock();
        try {
            return new VolumeView(this, v, at == null ? latestPoint(v) : retainedPoint(v, at.value()));
        } finally {
            mutation.readLock().unlock();
        }
    }

    VolumeState.PointEntry retainedPoint(VolumeState v, long lsn) {
        VolumeState.PointEntry p;
        synchronized (catalog) {
            p = v.pointWithLsn(lsn);
        }
        if (p == null) {
            throw new NoSuchPointException("volume " + v.name + " has no retained point at " + new Lsn(lsn));
        }
        return p;
    }

    private void requireFreeName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("volume name must not be blank");
        }
        if (catalog.byName.containsKey(name)) {
            throw new IllegalArgumentException("a volume named '" + name + "' already exists");
        }
    }

    void requireOpen() {
        if (closed) {
            throw new StorageException("store " + dir + " is closed");
        }
    }

    /**
     * Simulates a crash for tests: stops background work and closes the files without marking points or
     * writing a checkpoint, as {@code kill -9} would leave them (minus unwritten OS buffers).
     */
    void abandon() {
        synchronized (closing) {
            maintenance.stop();
            closed = true;
            log.close();
        }
    }

    /**
     * Marks a final point on every volume with unpointed writes, checkpoints, and closes the log. Takes the
     * volumes' writer locks without holding the store's monitor (lock order); {@link #closing} makes a second
     * close wait for the first.
     */
    @Override
    public void close() {
        synchronized (closing) {
            if (closed) {
                return;
            }
            maintenance.stop();
            for (VolumeState v : catalog.liveVolumes()) {
                v.writer.lock();
                try {
                    long last = catalog.lastPointLsn.getOrDefault(v.head.id.value(), 0L);
                    if (catalog.lastWriteLsn.getOrDefault(v.head.id.value(), 0L) > last) {
                        appendPoint(v);
                    }
                } finally {
                    v.writer.unlock();
                }
            }
            log.awaitDurable(log.lastLsn());
            checkpoint();
            closed = true;
            log.close();
        }
    }
}
