package io.strata.crash;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-side reader of the on-disk layout (documented in LogRecord and Checkpoint), used to aim damage at
 * exact places: record boundaries, headers, payloads. Independent of the storage code on purpose.
 */
final class LogFiles {
    static final int HEADER = 52;
    static final int TYPE_PAGE = 1;
    static final int TYPE_POINT = 2;
    static final int TYPE_META = 4;

    private LogFiles() {
    }

    /** One record as found in a segment file. */
    record Rec(Path file, long offset, int length, int type, int flags, long lsn, long timeline, long arg, int durable) {
        long end() {
            return offset + length;
        }
    }

    /** The segment files, oldest first. */
    static List<Path> segments(Path store) throws IOException {
        try (Stream<Path> s = Files.list(store.resolve("log"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    static Path newestSegment(Path store) throws IOException {
        List<Path> all = segments(store);
        return all.get(all.size() - 1);
    }

    /** The records of one segment, walking the length fields from offset 0 (the file must be undamaged). */
    static List<Rec> records(Path seg) throws IOException {
        byte[] all = Files.readAllBytes(seg);
        ByteBuffer b = ByteBuffer.wrap(all);
        List<Rec> out = new ArrayList<>();
        int pos = 0;
        while (pos + HEADER <= all.length) {
            int len = b.getInt(pos);
            if (len < HEADER || pos + len > all.length) {
                break;
            }
            out.add(new Rec(seg, pos, len, all[pos + 8], all[pos + 9], b.getLong(pos + 12), b.getLong(pos + 20),
                    b.getLong(pos + 28), b.getInt(pos + 44)));
            pos += len;
        }
        return out;
    }

    /**
     * Where a segment's records end: its file may run on with zeros written ahead of the appends, so this is
     * the end of its last record, not the file's length.
     */
    static long end(Path seg) throws IOException {
        List<Rec> recs = records(seg);
        return recs.isEmpty() ? 0 : recs.get(recs.size() - 1).end();
    }

    /** Every record of the store, oldest segment first. */
    static List<Rec> allRecords(Path store) throws IOException {
        List<Rec> out = new ArrayList<>();
        for (Path s : segments(store)) {
            out.addAll(records(s));
        }
        return out;
    }

    /**
     * Volume name by head timeline id, from the VolumeCreated catalog events in the log (tag 2: volume u64,
     * name UTF, retention u64, head timeline u64). Volumes created by the tests never backtrack, so the head
     * timeline they are created with is the one their pages are written on.
     */
    static java.util.Map<Long, String> volumeByTimeline(Path store) throws IOException {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        for (Path seg : segments(store)) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(seg));
            for (Rec r : records(seg)) {
                int p = (int) r.offset() + HEADER;
                if (r.type() == TYPE_META && b.get(p) == 2) {
                    int nameLen = b.getShort(p + 9) & 0xFFFF;
                    String name = new String(b.array(), p + 11, nameLen, java.nio.charset.StandardCharsets.UTF_8);
                    out.put(b.getLong(p + 11 + nameLen + 8), name);
                }
            }
        }
        return out;
    }

    /** The log position {segment id, offset} a checkpoint says it covers; null if there is no checkpoint. */
    static long[] checkpointPosition(Path store) throws IOException {
        Path cp = store.resolve("checkpoint");
        if (!Files.exists(cp)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cp));
        return new long[] {b.getLong(8), b.getLong(16)};
    }

    static long segmentId(Path seg) {
        String n = seg.getFileName().toString();
        return Long.parseLong(n.substring(0, n.length() - 4), 16);
    }

    static void flipBit(Path file, long bit) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(bit / 8);
            int v = f.read();
            f.seek(bit / 8);
            f.write(v ^ (1 << (bit % 8)));
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Writes {@code bytes} right after the segment's last record (over the zeros that may follow it). */
    static void append(Path file, byte[] bytes) throws IOException {
        long end = end(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(end);
            f.write(bytes);
        }
    }

    /** Copies a store directory (log and checkpoint), so each damage trial starts from the same bytes. */
    static Path copy(Path store, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(store)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(store.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
