package io.strata.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The current segment's file runs ahead of its records with zeros, so that an fsync after an append does not
 * also have to make a new file length durable. A crash leaves those zeros behind: reopening must end the
 * segment at its last record (keeping the zeros for later appends), still cut a torn record among them, and
 * sealed or closed segments are cut to their records.
 */
class SegmentPreallocationTest {
    private static final long SEGMENT = 1 << 20;

    private static ByteBuffer payload(int i) {
        byte[] b = new byte[3000];
        java.util.Arrays.fill(b, (byte) (i + 1));
        return ByteBuffer.wrap(b);
    }

    /** Appends {@code n} page records, forces them, and returns where they end. */
    private static long appendForced(SegmentLog log, int n) {
        for (int i = 0; i < n; i++) {
            log.append(RecordType.PAGE, 0, 1, i, 0, payload(i));
        }
        log.awaitDurable(log.lastLsn());
        return log.position()[1];
    }

    private static List<Long> lsns(Path dir) {
        List<Long> seen = new ArrayList<>();
        SegmentLog.open(dir, SEGMENT, true, 1, 0, 1, (r, loc) -> seen.add(r.lsn())).close();
        return seen;
    }

    private static Path only(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
    }

    @Test
    void appendsGoIntoZerosWrittenAheadAndACrashKeepsEveryRecord(@TempDir Path dir) throws Exception {
        SegmentLog log = SegmentLog.open(dir, SEGMENT, true, 1, 0, 1, (r, loc) -> { });
        long recordsEnd = appendForced(log, 10);
        Path seg = only(dir);
        assertThat(Files.size(seg)).as("the file runs ahead of its records").isGreaterThan(recordsEnd);
        // a crash: the log is never closed, and another process opens the directory
        List<Long> seen = new ArrayList<>();
        try (SegmentLog reopened = SegmentLog.open(dir, SEGMENT, true, 1, 0, 1, (r, loc) -> seen.add(r.lsn()))) {
            assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(reopened.position()[1]).as("appends go on right after the last record").isEqualTo(recordsEnd);
            assertThat(Files.size(seg)).as("the zeros are kept, not cut as a torn tail").isGreaterThan(recordsEnd);
            reopened.append(RecordType.PAGE, 0, 1, 11, 0, payload(11));
        }
        assertThat(lsns(dir)).hasSize(11).last().isEqualTo(11L);
        log.close();
    }

    @Test
    void aTornRecordAmongTheZerosIsCut(@TempDir Path dir) throws Exception {
        SegmentLog log = SegmentLog.open(dir, SEGMENT, true, 1, 0, 1, (r, loc) -> { });
        long end = appendForced(log, 3);
        log.append(RecordType.PAGE, 0, 1, 3, 0, payload(3)); // never forced ...
        Path seg = only(dir);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(end + LogRecord.HEADER + 1000);
            f.write(new byte[1000]); // ... and only part of it reached the disk
        }
        assertThat(lsns(dir)).containsExactly(1L, 2L, 3L);
        assertThat(Files.size(seg)).isEqualTo(end);
        log.close();
    }

    @Test
    void sealedAndClosedSegmentsAreCutToTheirRecords(@TempDir Path dir) throws Exception {
        long small = 1 << 16;
        try (SegmentLog log = SegmentLog.open(dir, small, true, 1, 0, 1, (r, loc) -> { })) {
            for (int i = 0; i < 60; i++) {
                log.append(RecordType.PAGE, 0, 1, i, 0, payload(i));
            }
        }
        List<Path> segs;
        try (var files = Files.list(dir)) {
            segs = files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
        assertThat(segs).hasSizeGreaterThan(2);
        long total = 0;
        for (Path s : segs) {
            long size = Files.size(s);
            assertThat(size % (LogRecord.HEADER + 3000)).as("%s holds whole records only", s).isZero();
            total += size;
        }
        assertThat(total).isEqualTo(60L * (LogRecord.HEADER + 3000));
        List<Long> seen = new ArrayList<>();
        SegmentLog.open(dir, small, true, 1, 0, 1, (r, loc) -> seen.add(r.lsn())).close();
        assertThat(seen).hasSize(60);
    }
}
