package io.strata.storage.log;

import io.strata.storage.CorruptDataException;
import io.strata.storage.StorageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's single write-ahead log: every page image, point and catalog change of every volume is one
 * record appended here (format in {@link LogRecord}), in a series of {@link Segment} files.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Lsns are assigned here, under this object's monitor, in append order; a relocated record keeps its
 *       original lsn, so lsns are increasing in the log except for records with {@link LogRecord#FLAG_RELOCATED}.</li>
 *   <li>A record is durable once {@link #durableLsn()} is at or past its lsn; every sealed segment was forced
 *       before the next one received its first record, so forcing the current segment covers all before it.</li>
 *   <li>A damaged record in the newest segment cuts the segment there when no complete record after it
 *       claims (in its {@code durable} field) that the damaged bytes had been forced: a torn tail of
 *       unacknowledged appends, page records included. A forced page record whose header checks out but whose
 *       payload does not is indexed anyway and reported when read; any other forced damaged record stops the
 *       open with a {@code CorruptDataException}.</li>
 *   <li>The current segment's file runs ahead of its records with zeros ({@link Segment#preallocate}), so
 *       an fsync after an append need not make a new file length durable. At open, a segment whose bytes
 *       after its last record are all zeros simply ends there; a sealed or closed segment is cut to its
 *       records.</li>
 * </ul>
 */
public final class SegmentLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);
    /** How far ahead of the append position a segment's file is filled with zeros at a time. */
    static final long PREALLOCATION_STEP = 4L << 20;
    private final Path dir;
    private final long segmentBytes;
    private final boolean fsync;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private Segment current;
    private long nextLsn = 1;
    private long appendedBytes;
    private volatile long durableLsn;
    /** Serialises fsyncs: one leader forces, the writers queued behind it usually find their lsn covered (group commit). */
    private final Object syncLock = new Object();
    private final java.util.concurrent.atomic.AtomicLong forces = new java.util.concurrent.atomic.AtomicLong();
    /** Positional writes made to append records (one per {@link #write}); guarded by this object's monitor. */
    private long writes;

    private SegmentLog(Path dir, long segmentBytes, boolean fsync) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
    }

    /**
     * Opens (or creates) the log in {@code dir} and replays every record at or after position
     * ({@code fromSegment}, {@code fromOffset}) into {@code sink}, cutting a torn tail.
     */
    public static SegmentLog open(Path dir, long segmentBytes, boolean fsync, long fromSegment, long fromOffset,
                                  long minNextLsn, RecordSink sink) {
        SegmentLog log = new SegmentLog(dir, segmentBytes, fsync);
        try {
            Files.createDirectories(dir);
            List<Long> ids = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg"))
                        .forEach(n -> ids.add(Long.parseLong(n.substring(0, n.length() - 4), 16)));
            }
            ids.sort(null);
            for (long id : ids) {
                log.segments.put(id, Segment.open(dir, id));
            }
            long maxLsn = minNextLsn - 1;
            for (Segment s : log.segments.values()) {
                if (s.id < fromSegment) {
                    continue;
                }
                boolean newest = s.id == ids.get(ids.size() - 1);
                maxLsn = Math.max(maxLsn, log.replay(s, s.id == fromSegment ? fromOffset : 0, newest, sink));
            }
            log.nextLsn = maxLsn + 1;
            log.durableLsn = maxLsn;
            if (log.segments.isEmpty()) {
                log.current = Segment.open(dir, Math.max(1, fromSegment));
                log.segments.put(log.current.id, log.current);
                log.syncDirectory();
            } else {
                log.current = log.segments.lastEntry().getValue();
            }
            return log;
        } catch (IOException e) {
            throw new StorageException("cannot open log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replays one segment from {@code offset}; returns the highest lsn seen. */
    private long replay(Segment s, long offset, boolean newest, RecordSink sink) throws IOException {
        long pos = offset;
        long maxLsn = 0;
        long end = s.channel.size();
        while (pos < end) {
            ByteBuffer rec = readValid(s, pos, end);
            String problem = rec == null ? "bad or incomplete record header" : LogRecord.payloadValid(rec) ? null : "bad payload checksum";
            if (problem != null && zeros(s, pos, end)) {
                break; // the zeros written ahead of the appends: the segment's records end here
            }
            if (problem != null) {
                long next = rec == null ? pos + 1 : pos + rec.capacity();
                if (newest && maxDurableClaim(s, next, end) <= pos) {
                    // Nothing after this record proves it was ever forced: a torn tail of unacknowledged
                    // appends (possibly written back out of order at power loss). Cut it off.
                    LOG.warn("cutting torn log tail of {} at offset {} ({}; {} bytes)", s.path, pos, problem, end - pos);
                    s.channel.truncate(pos);
                    s.channel.force(true);
                    s.allocated = pos;
                    break;
                }
                if (rec == null || rec.get(8) != RecordType.PAGE.code) {
                    throw new CorruptDataException("log record damaged (" + problem + ") in " + s.path + " at offset " + pos
                            + "; the store cannot be opened safely. Restore the data directory from a copy.");
                }
                // Page data damaged after it was forced, header intact: index it anyway, so the damage is
                // reported when the page is read rather than silently dropped with whatever points follow it.
            }
            LogRecord r = LogRecord.decode(rec);
            sink.accept(r, Loc.of(s.id, pos, rec.capacity()));
            maxLsn = Math.max(maxLsn, r.lsn());
            pos += rec.capacity();
        }
        s.end = pos;
        s.forcedEnd = pos;
        return maxLsn;
    }

    /** The record at {@code pos} if its header checks out and it fits in the file (payload not yet checked); else null. */
    private static ByteBuffer readValid(Segment s, long pos, long end) throws IOException {
        if (end - pos < LogRecord.HEADER) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(LogRecord.HEADER);
        s.readFully(head, pos);
        if (!LogRecord.headerValid(head) || pos + head.getInt(0) > end) {
            return null;
        }
        ByteBuffer rec = ByteBuffer.allocate(head.getInt(0));
        s.readFully(rec, pos);
        return rec;
    }

    /** Whether every byte of {@code s} in [{@code from}, {@code end}) is zero. */
    private static boolean zeros(Segment s, long from, long end) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(0, end - from)));
        for (long q = from; q < end; q += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), end - q));
            s.readFully(b, q);
            for (int i = 0; i < b.limit(); i++) {
                if (b.get(i) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The largest "durable" claim of the complete records after a damaged one: the first offset at or after
     * {@code from} where a wholly valid record starts, then the records chained after it. -1 if there are none.
     * The tail is read once and searched in memory (it may be megabytes of zeros written ahead of the appends).
     */
    private static long maxDurableClaim(Segment s, long from, long end) throws IOException {
        if (end - from < LogRecord.HEADER) {
            return -1;
        }
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(end - from));
        s.readFully(tail, from);
        for (int off = 0; off + LogRecord.HEADER <= tail.capacity(); off++) {
            ByteBuffer rec = recordIn(tail, off);
            if (!plausible(rec, from + off)) {
                continue;
            }
            long max = -1;
            while (plausible(rec, from + off)) {
                max = Math.max(max, LogRecord.durable(rec));
                off += rec.capacity();
                rec = recordIn(tail, off);
            }
            return max;
        }
        return -1;
    }

    /** The record at {@code off} of {@code tail} if its length fits and its header checks out (payload not yet checked); else null. */
    private static ByteBuffer recordIn(ByteBuffer tail, int off) {
        if (tail.capacity() - off < LogRecord.HEADER) {
            return null;
        }
        int len = tail.getInt(off);
        if (len < LogRecord.HEADER || len > tail.capacity() - off) {
            return null;
        }
        ByteBuffer rec = tail.duplicate().position(off).limit(off + len).slice();
        return LogRecord.headerValid(rec) ? rec : null;
    }

    /**
     * A complete, checksummed record whose durable claim does not exceed its own offset (a real record can only
     * claim what was forced before it was appended; bytes inside user data that happen to look like a record
     * almost never pass all three checks).
     */
    private static boolean plausible(ByteBuffer rec, long offset) {
        return rec != null && LogRecord.payloadValid(rec) && LogRecord.durable(rec) >= 0 && LogRecord.durable(rec) <= offset;
    }

    /** Appends a new record and returns its lsn and location. Not yet durable: see {@link #awaitDurable}. */
    public Appended append(RecordType type, int flags, long timeline, long arg, long size, ByteBuffer payload) {
        synchronized (this) {
            rollIfFull(payload);
            long lsn = nextLsn++;
            return write(LogRecord.encode(type, flags, lsn, timeline, arg, size, (int) current.forcedEnd, payload), lsn);
        }
    }

    /** A record to append with {@link #appendAll}; its lsn is assigned there. */
    public record Pending(RecordType type, int flags, long timeline, long arg, long size, ByteBuffer payload) {
    }

    /**
     * Appends {@code records} in order, each with its own lsn, with one write to the segment file instead of
     * one per record (a multi-page volume write is one chunk of H2's: measured, a pwrite per page record was
     * ~10% of a commit). A crash may keep any prefix of them, as with separate appends: recovery cuts a torn
     * tail at its first damaged record. Records that would not fit in the current segment are appended one
     * by one (the segment rolls between them), so a batch never stretches a segment past its size (nor a
     * record's offset past what a {@link Loc} holds). Not yet durable: see {@link #awaitDurable}.
     */
    public List<Appended> appendAll(List<Pending> records) {
        synchronized (this) {
            long total = 0;
            for (Pending r : records) {
                total += LogRecord.HEADER + (r.payload() == null ? 0 : r.payload().remaining());
            }
            List<Appended> out = new ArrayList<>(records.size());
            if (records.size() == 1 || current.end + total > segmentBytes) {
                for (Pending r : records) {
                    out.add(append(r.type(), r.flags(), r.timeline(), r.arg(), r.size(), r.payload()));
                }
                return out;
            }
            ByteBuffer batch = ByteBuffer.allocate(Math.toIntExact(total));
            long pos = current.end;
            for (Pending r : records) {
                long lsn = nextLsn++;
                ByteBuffer rec = LogRecord.encode(r.type(), r.flags(), lsn, r.timeline(), r.arg(), r.size(),
                        (int) current.forcedEnd, r.payload());
                out.add(new Appended(lsn, Loc.of(current.id, pos + batch.position(), rec.remaining())));
                batch.put(rec);
            }
            writeAtEnd(batch.flip()); // no Loc for the whole batch: it may be longer than a Loc can say
            return out;
        }
    }

    /** Copies a record forward (GC), keeping its lsn; returns the new location. Durable after {@link #force()}. */
    public long appendRelocated(LogRecord r) {
        synchronized (this) {
            rollIfFull(r.payload());
            return write(LogRecord.encode(r.type(), r.flags() | LogRecord.FLAG_RELOCATED, r.lsn(), r.timeline(), r.arg(),
                    r.size(), (int) current.forcedEnd, r.payload()), r.lsn()).loc();
        }
    }

    private void rollIfFull(ByteBuffer payload) {
        int len = LogRecord.HEADER + (payload == null ? 0 : payload.remaining());
        if (current.end + len > segmentBytes && current.end > 0) {
            try {
                roll();
            } catch (IOException e) {
                throw new StorageException("cannot start a new log segment in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private Appended write(ByteBuffer rec, long lsn) {
        int len = rec.remaining();
        long pos = writeAtEnd(rec);
        return new Appended(lsn, Loc.of(current.id, pos, len));
    }

    /** Writes {@code bytes} at the end of the current segment with one write; returns where they start. */
    private long writeAtEnd(ByteBuffer bytes) {
        try {
            long pos = current.end;
            int len = bytes.remaining();
            current.preallocate(pos + len, Math.min(PREALLOCATION_STEP, segmentBytes));
            current.writeFully(bytes, pos);
            writes++;
            current.end = pos + len;
            appendedBytes += len;
            return pos;
        } catch (IOException e) {
            throw new StorageException("log append failed in " + current.path + ": " + e.getMessage(), e);
        }
    }

    /** Seals the current segment. It is forced first, so "force the current segment" keeps covering every lsn. */
    private void roll() throws IOException {
        current.trimToEnd();
        if (fsync) {
            current.channel.force(false);
        }
        current.forcedEnd = current.end;
        Segment next = Segment.open(dir, current.id + 1);
        segments.put(next.id, next);
        current = next;
        syncDirectory();
    }

    private void syncDirectory() {
        if (fsync) {
            syncDirectory(dir);
        }
    }

    /** Makes a directory's entries (created, renamed, deleted files) durable, where the file system allows it. */
    public static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open a directory; their metadata is durable on their own terms.
        }
    }

    /** Returns once every record up to {@code lsn} is on stable storage. Concurrent callers share one fsync. */
    public void awaitDurable(long lsn) {
        if (durableLsn >= lsn) {
            return;
        }
        synchronized (syncLock) {
            if (durableLsn >= lsn) {
                return;
            }
            forceLocked();
        }
    }

    /**
     * Forces everything appended so far, whatever its lsn (relocated records keep old lsns, so
     * {@link #awaitDurable} alone would not cover them). GC and checkpoints call it before relying on the log.
     */
    public void force() {
        synchronized (syncLock) {
            forceLocked();
        }
    }

    private void forceLocked() {
        long target;
        long end;
        Segment seg;
        synchronized (this) {
            target = nextLsn - 1;
            seg = current;
            end = seg.end;
        }
        try {
            if (fsync) {
                seg.channel.force(false);
                forces.incrementAndGet();
            }
        } catch (IOException e) {
            throw new StorageException("fsync failed on " + seg.path + ": " + e.getMessage(), e);
        }
        seg.forcedEnd = Math.max(seg.forcedEnd, end);
        durableLsn = Math.max(durableLsn, target);
    }

    /** How many times the log was forced to make appends durable (group commit makes this far below the points). */
    public long forceCount() {
        return forces.get();
    }

    /** How many writes to segment files appending records took (a multi-record append is one). */
    public synchronized long writeCount() {
        return writes;
    }

    public long durableLsn() {
        return durableLsn;
    }

    public synchronized long lastLsn() {
        return nextLsn - 1;
    }

    /** The append position as {segment, offset}: a checkpoint taken now covers every record before it. */
    public synchronized long[] position() {
        return new long[] {current.id, current.end};
    }

    /** Bytes appended to the current segment that no fsync has covered yet (0 right after a force). */
    public synchronized long unforcedBytes() {
        return current.end - current.forcedEnd;
    }

    public synchronized long appendedBytes() {
        return appendedBytes;
    }

    /**
     * Reads and verifies the record at {@code loc}.
     *
     * @throws SegmentGoneException if GC retired the segment meanwhile (look the location up again)
     * @throws CorruptDataException if a checksum fails
     */
    public LogRecord read(long loc) {
        Segment s = segments.get(Loc.segment(loc));
        if (s == null) {
            throw new SegmentGoneException();
        }
        ByteBuffer rec = ByteBuffer.allocate(Loc.length(loc));
        try {
            s.readFully(rec, Loc.offset(loc));
        } catch (ClosedChannelException e) {
            throw new SegmentGoneException();
        } catch (IOException e) {
            throw new StorageException("read failed in " + s.path + " at " + Loc.offset(loc) + ": " + e.getMessage(), e);
        }
        if (!LogRecord.headerValid(rec) || rec.getInt(0) != rec.capacity() || !LogRecord.payloadValid(rec)) {
            throw new CorruptDataException("checksum mismatch in " + s.path + " at offset " + Loc.offset(loc));
        }
        return LogRecord.decode(rec);
    }

    /** Sizes of the sealed segments (every one but the current), by id. */
    public synchronized Map<Long, Long> sealedSegments() {
        Map<Long, Long> out = new TreeMap<>();
        for (Segment s : segments.values()) {
            if (s != current) {
                out.put(s.id, s.end);
            }
        }
        return out;
    }

    /** Total bytes of all segment files. */
    public long totalBytes() {
        return segments.values().stream().mapToLong(s -> s.end).sum();
    }

    /** Deletes a sealed segment whose live records were all copied forward and covered by a checkpoint. */
    public void retire(long segmentId) {
        Segment s;
        synchronized (this) {
            s = segments.get(segmentId);
            if (s == null || s == current) {
                return;
            }
            segments.remove(segmentId);
        }
        try {
            s.channel.close();
            Files.deleteIfExists(s.path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        syncDirectory();
    }

    /** The file that holds {@code loc}, for error messages. */
    public String fileOf(long loc) {
        Segment s = segments.get(Loc.segment(loc));
        return s == null ? "segment " + Loc.segment(loc) + " (retired)" : s.path.toString();
    }

    @Override
    public synchronized void close() {
        for (Segment s : segments.values()) {
            try {
                if (s == current) {
                    s.trimToEnd();
                }
                if (fsync && s == current) {
                    s.channel.force(false);
                }
                s.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        segments.clear();
    }
}
