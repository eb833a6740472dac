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
 *   <li>Recovery keeps every record up to the first one that fails its checks in the newest segment when
 *       nothing valid follows it (a torn tail, cut off); a damaged record anywhere else stops the open.</li>
 * </ul>
 */
public final class SegmentLog implements AutoCloseable {
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
        ByteBuffer head = ByteBuffer.allocate(LogRecord.HEADER);
        while (pos < end) {
            String problem = null;
            ByteBuffer rec = null;
            if (end - pos < LogRecord.HEADER) {
                problem = "short header";
            } else {
                head.clear();
                s.readFully(head, pos);
                if (!LogRecord.headerValid(head)) {
                    problem = "bad header checksum";
                } else if (pos + head.getInt(0) > end) {
                    problem = "record runs past end of file";
                } else {
                    rec = ByteBuffer.allocate(head.getInt(0));
                    s.readFully(rec, pos);
                    if (!LogRecord.payloadValid(rec)) {
                        problem = "bad payload checksum";
                    }
                }
            }
            if (problem != null) {
                boolean tail = newest && (rec == null ? !validRecordAfter(s, pos + 1, end) : pos + rec.capacity() == end);
                if (tail) {
                    // A torn tail: the crash cut the last append. Nothing after it was acknowledged; cut it off.
                    s.channel.truncate(pos);
                    s.channel.force(true);
                    break;
                }
                if (rec != null && problem.equals("bad payload checksum") && rec.get(8) == RecordType.PAGE.code) {
                    // Page data damaged but header intact: keep indexing; reads of this version report it.
                    problem = null;
                } else {
                    throw new CorruptDataException("log record damaged (" + problem + ") in " + s.path + " at offset " + pos
                            + "; the store cannot be opened safely. Restore the data directory from a copy.");
                }
            }
            LogRecord r = LogRecord.decode(rec);
            sink.accept(r, Loc.of(s.id, pos, rec.capacity()));
            maxLsn = Math.max(maxLsn, r.lsn());
            pos += rec.capacity();
        }
        s.end = pos;
        return maxLsn;
    }

    /** True if any offset in [from, end) starts a record whose header checks out: then the damage is not a tail. */
    private static boolean validRecordAfter(Segment s, long from, long end) throws IOException {
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(end - from, 1 << 22));
        for (long base = from; base < end; base += Math.max(1, window.capacity() - LogRecord.HEADER)) {
            window.clear().limit((int) Math.min(window.capacity(), end - base));
            s.readFully(window, base);
            for (int i = 0; i + LogRecord.HEADER <= window.limit(); i++) {
                ByteBuffer h = window.duplicate().position(i).limit(i + LogRecord.HEADER).slice();
                if (LogRecord.headerValid(h) && base + i + h.getInt(0) <= end) {
                    return true;
                }
            }
            if (window.limit() < window.capacity()) {
                break;
            }
        }
        return false;
    }

    /** Appends a new record and returns its lsn and location. Not yet durable: see {@link #awaitDurable}. */
    public Appended append(RecordType type, int flags, long timeline, long arg, long size, ByteBuffer payload) {
        synchronized (this) {
            long lsn = nextLsn++;
            return write(LogRecord.encode(type, flags, lsn, timeline, arg, size, payload), lsn);
        }
    }

    /** Copies a record forward (GC), keeping its lsn; returns the new location. */
    public long appendRelocated(LogRecord r) {
        synchronized (this) {
            return write(LogRecord.encode(r.type(), r.flags() | LogRecord.FLAG_RELOCATED, r.lsn(), r.timeline(), r.arg(),
                    r.size(), r.payload()), r.lsn()).loc();
        }
    }

    private Appended write(ByteBuffer rec, long lsn) {
        try {
            if (current.end + rec.remaining() > segmentBytes && current.end > 0) {
                roll();
            }
            long pos = current.end;
            int len = rec.remaining();
            current.writeFully(rec, pos);
            current.end = pos + len;
            appendedBytes += len;
            return new Appended(lsn, Loc.of(current.id, pos, len));
        } catch (IOException e) {
            throw new StorageException("log append failed in " + current.path + ": " + e.getMessage(), e);
        }
    }

    /** Seals the current segment. It is forced first, so "force the current segment" keeps covering every lsn. */
    private void roll() throws IOException {
        if (fsync) {
            current.channel.force(false);
        }
        Segment next = Segment.open(dir, current.id + 1);
        segments.put(next.id, next);
        current = next;
        syncDirectory();
    }

    private void syncDirectory() {
        if (!fsync) {
            return;
        }
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
            long target;
            Segment seg;
            synchronized (this) {
                target = nextLsn - 1;
                seg = current;
            }
            try {
                if (fsync) {
                    seg.channel.force(false);
                }
            } catch (IOException e) {
                throw new StorageException("fsync failed on " + seg.path + ": " + e.getMessage(), e);
            }
            durableLsn = Math.max(durableLsn, target);
        }
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
