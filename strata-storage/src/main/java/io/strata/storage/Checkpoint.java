package io.strata.storage;

import io.strata.storage.index.Timeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The index checkpoint: the whole {@link Catalog} as of a log position, so a restart loads it and replays only
 * the log after that position. Written to {@code checkpoint.tmp}, forced, then renamed over {@code checkpoint}
 * (atomic), so there is always one complete checkpoint or none.
 * <pre>
 * header   : magic "STRATAC1" (8) | segment u64 | offset u64 | nextLsn u64 | nextVolume u64 | nextTimeline u64 | nextBacktrack u64
 * timelines: count u32, then per timeline in id order (ancestors first):
 *            id u64 | volume u64 | ancestor u64 (0 = none) | ancestorLsn u64 | lastPointLsn u64 | lastWriteLsn u64
 *            | sizeChanges u32 | (lsn u64, size u64)*   (all but the first, which is derived from the ancestor)
 *            | pages u32 | (page u32 | n u32 | (lsn u64, loc u64)*n)*
 * volumes  : count u32, then per volume: id u64 | name UTF | retentionMillis u64 | head u64 | createdMicros u64
 *            | points u32 | (timeline u64, lsn u64, micros u64)* | pins u32 | lsn u64*
 *            | backtracks u32 | (id, requestedMicros, landedLsn, landedMicros, fromLsn, fromMicros, createdMicros: u64 each)*
 * trailer  : CRC32C of everything before it, u32
 * </pre>
 * Invariant: encoded only while no record is being appended or applied (the store's mutation lock is held
 * exclusively), so it holds exactly the records before (segment, offset); stored (written, forced, renamed)
 * after the lock is released and the log forced, so writers wait only for the encoding, not for its I/O.
 */
final class Checkpoint {
    private static final long MAGIC = 0x5354524154414331L; // "STRATAC1"
    private static final String FILE = "checkpoint";

    record Loaded(Catalog catalog, long segment, long offset, long nextLsn) {
    }

    private Checkpoint() {
    }

    /**
     * The checkpoint image of {@code c} as of log position (segment, offset). Caller holds the store's mutation
     * lock exclusively, so the image holds exactly the records before that position.
     */
    static byte[] encode(Catalog c, long segment, long offset, long nextLsn) {
        ImageWriter out = new ImageWriter(1 << 16);
        out.writeLong(MAGIC);
        for (long x : new long[] {segment, offset, nextLsn, c.nextVolumeId, c.nextTimelineId, c.nextBacktrackId}) {
            out.writeLong(x);
        }
        writeTimelines(out, c);
        writeVolumes(out, c);
        return out.toArrayWithCrc();
    }

    /**
     * Replaces the checkpoint with {@code image}: written to a temporary file, forced, renamed over the old one,
     * directory forced. The log records before the image's position must already be durable.
     */
    static void store(Path dir, byte[] image, boolean fsync) {
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(image);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (fsync) {
                // The rename must be durable before GC deletes segments the previous checkpoint still needs.
                io.strata.storage.log.SegmentLog.syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new StorageException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeTimelines(ImageWriter out, Catalog c) {
        List<Timeline> ts = new ArrayList<>(c.timelines.values());
        ts.sort(Comparator.comparingLong(t -> t.id.value()));
        out.writeInt(ts.size());
        for (Timeline t : ts) {
            out.writeLong(t.id.value());
            out.writeLong(t.volume.value());
            out.writeLong(t.ancestor == null ? 0 : t.ancestor.id.value());
            out.writeLong(t.ancestorLsn);
            out.writeLong(c.lastPointLsn.getOrDefault(t.id.value(), 0L));
            out.writeLong(c.lastWriteLsn.getOrDefault(t.id.value(), 0L));
            out.writeInt(t.sizeChanges() - 1);
            for (int i = 1; i < t.sizeChanges(); i++) {
                out.writeLong(t.sizeChangeLsn(i));
                out.writeLong(t.sizeChangeValue(i));
            }
            int pages = 0;
            for (int p = 0; p < t.pageSlots(); p++) {
                if (t.chunkEmpty(p)) {
                    p += Timeline.CHUNK - 1;
                    continue;
                }
                if (t.versionCount(p) > 0) {
                    pages++;
                }
            }
            out.writeInt(pages);
            for (int p = 0; p < t.pageSlots(); p++) {
                if (t.chunkEmpty(p)) {
                    p += Timeline.CHUNK - 1;
                    continue;
                }
                int n = t.versionCount(p);
                if (n == 0) {
                    continue;
                }
                out.writeInt(p);
                out.writeInt(n);
                for (int i = 0; i < n; i++) {
                    out.writeLong(t.versionLsn(p, i));
                    out.writeLong(t.versionLoc(p, i));
                }
            }
        }
    }

    private static void writeVolumes(ImageWriter out, Catalog c) {
        List<VolumeState> vs = new ArrayList<>(c.volumes.values());
        vs.sort(Comparator.comparingLong(v -> v.id.value()));
        out.writeInt(vs.size());
        for (VolumeState v : vs) {
            out.writeLong(v.id.value());
            out.writeUTF(v.name);
            out.writeLong(v.retentionMillis);
            out.writeLong(v.head.id.value());
            out.writeLong(v.createdMicros);
            List<VolumeState.PointEntry> points = c.pointsOf(v);
            out.writeInt(points.size());
            for (VolumeState.PointEntry p : points) {
                out.writeLong(p.timeline().id.value());
                out.writeLong(p.lsn());
                out.writeLong(p.micros());
            }
            List<Long> pins;
            List<Backtrack> bts;
            synchronized (c) {
                pins = new ArrayList<>(v.pins);
                bts = new ArrayList<>(v.backtracks);
            }
            out.writeInt(pins.size());
            for (long p : pins) {
                out.writeLong(p);
            }
            out.writeInt(bts.size());
            for (Backtrack b : bts) {
                for (long x : new long[] {b.id(), Catalog.toMicros(b.requestedTime()), b.landed().lsn().value(),
                        Catalog.toMicros(b.landed().time()), b.from().lsn().value(), Catalog.toMicros(b.from().time()),
                        Catalog.toMicros(b.createdTime())}) {
                    out.writeLong(x);
                }
            }
        }
    }

    /** Loads the checkpoint, or an empty catalog positioned at the start of the log if there is none. */
    static Loaded load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Loaded(new Catalog(), 1, 0, 1);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        // Check the whole file before parsing any of it: a damaged length must not drive an allocation.
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, Math.max(0, bytes.length - 4));
        if (bytes.length < 60 || ByteBuffer.wrap(bytes).getInt(bytes.length - 4) != (int) crc.getValue()) {
            throw new CorruptDataException("checkpoint " + file + " is damaged (checksum mismatch); the store cannot be"
                    + " opened safely. Restore the data directory from a copy.");
        }
        // Parsed straight from the array (a ByteBuffer, big-endian as ImageWriter wrote it): a 10 GiB volume's
        // checkpoint holds millions of page versions, and a restart runs this loop before the JIT has warmed up.
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        try {
            if (in.getLong() != MAGIC) {
                throw new CorruptDataException(file + " is not a Strata checkpoint");
            }
            long segment = in.getLong();
            long offset = in.getLong();
            long nextLsn = in.getLong();
            Catalog c = new Catalog();
            c.nextVolumeId = in.getLong();
            c.nextTimelineId = in.getLong();
            c.nextBacktrackId = in.getLong();
            readTimelines(in, c);
            readVolumes(in, c);
            return new Loaded(c, segment, offset, nextLsn);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptDataException cde) {
                throw cde;
            }
            throw new CorruptDataException("checkpoint " + file + " cannot be parsed (" + e + ")");
        }
    }

    private static void readTimelines(ByteBuffer in, Catalog c) {
        int n = in.getInt();
        for (int k = 0; k < n; k++) {
            long id = in.getLong();
            long vol = in.getLong();
            long anc = in.getLong();
            long ancLsn = in.getLong();
            Timeline t = new Timeline(new TimelineId(id), new VolumeId(vol), anc == 0 ? null : c.timelines.get(anc), ancLsn);
            long lastPoint = in.getLong();
            long lastWrite = in.getLong();
            if (lastPoint != 0) {
                c.lastPointLsn.put(id, lastPoint);
            }
            if (lastWrite != 0) {
                c.lastWriteLsn.put(id, lastWrite);
            }
            int sizes = in.getInt();
            for (int i = 0; i < sizes; i++) {
                t.loadSize(in.getLong(), in.getLong());
            }
            int pages = in.getInt();
            for (int i = 0; i < pages; i++) {
                int p = in.getInt();
                int versions = in.getInt();
                for (int j = 0; j < versions; j++) {
                    t.put(p, in.getLong(), in.getLong());
                }
            }
            c.timelines.put(id, t);
        }
    }

    private static void readVolumes(ByteBuffer in, Catalog c) throws IOException {
        int n = in.getInt();
        for (int k = 0; k < n; k++) {
            long id = in.getLong();
            String name = readUtf(in);
            long retention = in.getLong();
            Timeline head = c.timelines.get(in.getLong());
            VolumeState v = new VolumeState(new VolumeId(id), name, retention, head, in.getLong());
            int points = in.getInt();
            for (int i = 0; i < points; i++) {
                v.points.add(new VolumeState.PointEntry(c.timelines.get(in.getLong()), in.getLong(), in.getLong()));
            }
            int pins = in.getInt();
            for (int i = 0; i < pins; i++) {
                v.pins.add(in.getLong());
            }
            int bts = in.getInt();
            for (int i = 0; i < bts; i++) {
                long[] f = new long[7];
                for (int j = 0; j < 7; j++) {
                    f[j] = in.getLong();
                }
                v.backtracks.add(new Backtrack(f[0], Catalog.micros(f[1]), new Point(new Lsn(f[2]), Catalog.micros(f[3])),
                        new Point(new Lsn(f[4]), Catalog.micros(f[5])), Catalog.micros(f[6])));
            }
            c.volumes.put(id, v);
            c.byName.put(name, v);
        }
    }

    /** A string as {@link DataOutputStream#writeUTF} wrote it (2-byte length, modified UTF-8). */
    private static String readUtf(ByteBuffer in) throws IOException {
        int len = Short.toUnsignedInt(in.getShort(in.position()));
        int start = in.arrayOffset() + in.position();
        String s = new DataInputStream(new java.io.ByteArrayInputStream(in.array(), start, 2 + len)).readUTF();
        in.position(in.position() + 2 + len);
        return s;
    }
}
