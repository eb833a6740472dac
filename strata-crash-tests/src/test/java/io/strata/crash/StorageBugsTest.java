package io.strata.crash;

import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.StorageException;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Regression tests for storage bugs the crash tests found, each a deterministic reproduction of a crash or
 * power-loss cut that once lost acknowledged data, left a volume without a point or head, or made a
 * recoverable store unopenable.
 *
 * <p>Power loss is simulated by cutting files back to what had been forced when the last fsync returned
 * (the sizes are chosen so no segment rolls in between, so the forced prefix is known exactly).
 */
class StorageBugsTest {
    private static final long SEED = 20261125L;

    private static StoreOptions options() {
        return StoreOptions.defaults().withSegmentBytes(1 << 20).withCheckpointEveryBytes(1L << 40);
    }

    private static void write(Volume v, long gen, int firstPage, int pages) {
        for (int p = firstPage; p < firstPage + pages; p++) {
            v.write(ByteBuffer.wrap(Content.page(SEED, v.name(), p, gen)), (long) p * Content.PAGE);
        }
    }

    /** Cuts the newest segment just before its last record: as a crash between that append and the one before. */
    private static LogFiles.Rec cutLastRecord(Path dir) throws Exception {
        Path newest = LogFiles.newestSegment(dir);
        List<LogFiles.Rec> recs = LogFiles.records(newest);
        LogFiles.Rec last = recs.get(recs.size() - 1);
        LogFiles.truncate(newest, last.offset());
        return last;
    }

    /**
     * BUG 1 (fixed): clone() used to append TimelineCreated, VolumeCreated, then the clone's first POINT; a crash
     * before the POINT brought the clone back with no point at all. Now one VolumeCreated record creates the
     * timeline, the volume and its first point: cut before it, the clone is simply not there.
     */
    @Test
    void cloneCutBeforeItsFirstPoint(@TempDir Path dir) throws Exception {
        try (PageStore s = PageStore.open(dir, options())) {
            Volume v = s.createVolume("src", VolumeOptions.defaults());
            write(v, 1, 0, 4);
            v.mark();
        }
        PageStore s = PageStore.open(dir, options());
        s.clone(s.volume("src").orElseThrow(), null, "copy"); // abandoned unclosed: a crash
        assertThat(cutLastRecord(dir).type()).isEqualTo(LogFiles.TYPE_META);
        try (PageStore r = PageStore.open(dir, options())) {
            var copy = r.volume("copy");
            // Either the unacknowledged clone is gone, or it is a usable volume with a point.
            copy.ifPresent(c -> assertThatCode(c::latestPoint).as("latestPoint of a clone with %d points", c.points().size())
                    .doesNotThrowAnyException());
        }
    }

    /**
     * BUG 2 (fixed): backtrack() used to append TimelineCreated, HeadMoved, then a POINT; cut before that POINT
     * the head was on the backtracked state while latestPoint() was the pre-backtrack point. Now one HeadMoved
     * record moves the head and is the point: cut before it, the volume is where it was, head = latest point.
     */
    @Test
    void backtrackCutBeforeItsPoint(@TempDir Path dir) throws Exception {
        Point first;
        try (PageStore s = PageStore.open(dir, options())) {
            Volume v = s.createVolume("bt", VolumeOptions.defaults());
            write(v, 1, 0, 4);
            first = v.mark();
            write(v, 2, 0, 4);
            v.mark();
        }
        PageStore s = PageStore.open(dir, options());
        Thread.sleep(2);
        s.volume("bt").orElseThrow().backtrack(first.time()); // abandoned unclosed: a crash
        assertThat(cutLastRecord(dir).type()).isEqualTo(LogFiles.TYPE_META);
        try (PageStore r = PageStore.open(dir, options())) {
            Volume v = r.volume("bt").orElseThrow();
            byte[] head = new byte[4 * Content.PAGE];
            byte[] atLatest = new byte[4 * Content.PAGE];
            v.read(ByteBuffer.wrap(head), 0);
            try (var view = v.openView(v.latestPoint().lsn())) {
                view.read(ByteBuffer.wrap(atLatest), 0);
            }
            // Page images carry their generation at byte 8: the head reads gen 1 (landed), the latest point gen 2.
            assertThat(ByteBuffer.wrap(head).getLong(8)).as("generation the head reads vs the latest point %s reads",
                    v.latestPoint()).isEqualTo(ByteBuffer.wrap(atLatest).getLong(8));
        }
    }

    /**
     * BUG 3 (fixed): recovery decided "torn tail" vs "damage" by scanning the rest of the newest segment for any
     * offset that parses as a valid record header. User page data is stored raw when incompressible, so a
     * page that happens to contain the bytes of a valid header makes a plain torn tail (a crash mid-append of
     * an unacknowledged write) fatal: the open fails with CorruptDataException instead of cutting the tail.
     */
    @Test
    void tornTailWhosePayloadLooksLikeAHeader(@TempDir Path dir) throws Exception {
        byte[] page = new byte[Content.PAGE];
        new Random(SEED).nextBytes(page); // incompressible: stored raw
        ByteBuffer fake = ByteBuffer.wrap(page, 1000, LogFiles.HEADER).slice();
        fake.putInt(0, LogFiles.HEADER).put(8, (byte) LogFiles.TYPE_POINT).put(9, (byte) 0).putShort(10, (short) 0);
        fake.putInt(48, 0); // CRC32C of an empty payload
        CRC32C c = new CRC32C();
        c.update(fake.duplicate().position(0).limit(4));
        c.update(fake.duplicate().position(8).limit(LogFiles.HEADER));
        fake.putInt(4, (int) c.getValue());
        Point acked;
        PageStore s = PageStore.open(dir, options());
        Volume v = s.createVolume("user", VolumeOptions.defaults());
        write(v, 1, 0, 2);
        acked = v.mark();
        v.write(ByteBuffer.wrap(page), 5L * Content.PAGE); // never marked; crash while appending it:
        Path newest = LogFiles.newestSegment(dir);
        List<LogFiles.Rec> recs = LogFiles.records(newest);
        LogFiles.Rec torn = recs.get(recs.size() - 1);
        LogFiles.truncate(newest, torn.offset() + LogFiles.HEADER + 1000 + LogFiles.HEADER + 7);
        try (PageStore r = PageStore.open(dir, options())) {
            assertThat(r.volume("user").orElseThrow().latestPoint().lsn()).isEqualTo(acked.lsn());
        }
    }

    /**
     * BUG 4 (fixed; power loss): bytes appended after the last fsync may reach the disk in any order (dirty pages
     * are written back independently). If a later block of the unacknowledged tail persisted but an earlier
     * one did not (reads as zeros), recovery finds a bad header followed by valid records and refuses to open,
     * although nothing acknowledged is damaged.
     */
    @Test
    void unsyncedTailPersistedOutOfOrder(@TempDir Path dir) throws Exception {
        PageStore s = PageStore.open(dir, options());
        Volume v = s.createVolume("pl", VolumeOptions.defaults());
        write(v, 1, 0, 4);
        Point acked = v.mark();
        Path newest = LogFiles.newestSegment(dir);
        long forced = LogFiles.end(newest);
        write(v, 2, 0, 16); // unacknowledged: never marked
        long hole = (forced / 4096 + 1) * 4096; // the first file block wholly after the forced prefix
        try (var f = new java.io.RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(hole);
            f.write(new byte[4096]); // that block was lost; later ones made it to disk
        }
        try (PageStore r = PageStore.open(dir, options())) {
            assertThat(r.volume("pl").orElseThrow().latestPoint().lsn()).isEqualTo(acked.lsn());
        }
    }

    /**
     * BUG 5 (fixed; power loss): gc() copied live records forward (appendRelocated: no fsync), writes a checkpoint
     * (forced) and deletes the old segments — without forcing the log first. A power loss after gc() returns
     * loses the copies while the originals are already gone: an acknowledged point can no longer be read.
     * (The automatic checkpoint in PageStore.append has the same gap: it can cover log bytes not yet forced.)
     */
    @Test
    void gcRetiresSegmentsBeforeRelocatedRecordsAreDurable(@TempDir Path dir) throws Exception {
        StoreOptions small = StoreOptions.defaults().withSegmentBytes(1 << 16).withCheckpointEveryBytes(1L << 40);
        PageStore s = PageStore.open(dir, small);
        Volume v = s.createVolume("gc", VolumeOptions.withRetention(Duration.ZERO));
        write(v, 1, 0, 8); // page 0's only version stays in the first segment
        v.mark();
        for (int gen = 2; gen <= 40; gen++) {
            write(v, gen, 1, 7); // pages 1-7 overwritten: the first segments become garbage
            v.mark();
        }
        Point acked = v.mark();
        Path newest = LogFiles.newestSegment(dir);
        long beforeGc = LogFiles.end(newest);
        s.gc();
        assertThat(LogFiles.newestSegment(dir)).as("no roll during gc, so the forced prefix is known").isEqualTo(newest);
        assertThat(LogFiles.end(newest)).as("gc relocated records").isGreaterThan(beforeGc);
        // gc() forces its copies before it deletes the originals: the forced prefix is everything it wrote.
        // (PageStoreDurabilityTest checks the force itself; this checks that the copies are what recovery needs.)
        long forced = LogFiles.end(newest);
        write(v, 99, 1, 7); // unacknowledged appends after gc: lost at the power cut
        LogFiles.truncate(newest, forced); // power loss: what was appended after the last fsync is lost
        try (PageStore r = PageStore.open(dir, small)) {
            Volume g = r.volume("gc").orElseThrow();
            assertThat(g.latestPoint().lsn()).isEqualTo(acked.lsn());
            byte[] page0 = new byte[Content.PAGE];
            assertThatCode(() -> g.read(ByteBuffer.wrap(page0), 0)).as("page 0 of the acknowledged point")
                    .doesNotThrowAnyException();
            assertThat(page0).isEqualTo(Content.page(SEED, "gc", 0, 1));
        }
    }

    /**
     * BUG 5b (fixed; power loss): a checkpoint (automatic in PageStore.append, or checkpoint()) records the catalog as
     * of the append position without forcing the log first. A point marked but not yet forced (markLazily, or
     * mark() in the group-commit window while another thread's append triggers the checkpoint) is then in the
     * durable checkpoint while its records are not: after a power loss the volume's latest point and head
     * reference log bytes that do not exist, and every read of them fails.
     */
    @Test
    void checkpointCoversRecordsNotYetForced(@TempDir Path dir) throws Exception {
        PageStore s = PageStore.open(dir, options());
        Volume v = s.createVolume("lazy", VolumeOptions.defaults());
        write(v, 1, 0, 4);
        Point acked = v.mark();
        Path newest = LogFiles.newestSegment(dir);
        long forced = LogFiles.end(newest);
        write(v, 2, 0, 4);
        Point lazy = v.markLazily(); // not yet durable ...
        s.checkpoint(); // ... but in the checkpoint, which forces the log first
        forced = LogFiles.end(newest);
        write(v, 3, 0, 4); // unacknowledged appends after the checkpoint: lost at the power cut
        LogFiles.truncate(newest, forced);
        try (PageStore r = PageStore.open(dir, options())) {
            Volume l = r.volume("lazy").orElseThrow();
            byte[] page0 = new byte[Content.PAGE];
            assertThatCode(() -> l.read(ByteBuffer.wrap(page0), 0)).as("head read; latest point %s, last acked %s",
                    l.latestPoint(), acked).doesNotThrowAnyException();
            assertThat(l.latestPoint().lsn()).isEqualTo(lazy.lsn());
            assertThat(page0).isEqualTo(Content.page(SEED, "lazy", 0, 2));
        }
    }

    /**
     * BUG 7 (fixed; found by the kill -9 test, not a crash bug): backtrack() and clone()/createVolume() appended
     * TimelineCreated and then the event that makes a volume use the timeline (HeadMoved / VolumeCreated) as two
     * separate appends. A gc() that runs between them sees a timeline with no read point and drops it; the
     * second event then sets the volume's head to null and the backtrack dies with a NullPointerException in
     * PageStore.append, leaving the volume without a head (and the log saying so, once checkpointed).
     */
    @Test
    void gcRacingBacktrackAndCloneDropsTheNewTimeline(@TempDir Path dir) throws Exception {
        PageStore s = PageStore.open(dir, options().withFsync(false));
        Volume v = s.createVolume("race", VolumeOptions.defaults());
        write(v, 1, 0, 2);
        Point first = v.mark();
        write(v, 2, 0, 2);
        v.mark();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread gc = new Thread(() -> {
            while (!stop.get()) {
                s.gc();
            }
        });
        gc.start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (int i = 0; System.nanoTime() < deadline; i++) {
                int n = i;
                assertThatCode(() -> {
                    v.backtrack(first.time());
                    s.clone(v, null, "clone" + n);
                }).as("backtrack/clone %d racing gc()", i).doesNotThrowAnyException();
            }
        } finally {
            stop.set(true);
            gc.join();
        }
    }

    /**
     * BUG 8 (fixed; power loss): recovery indexed a page record whose payload checksum failed even in the unforced
     * tail, as if it were bit rot in forced data. A 4 KiB block inside an unacknowledged page payload that never
     * reached the disk, followed by a point that did, brought that never-acknowledged point back, and its head
     * read failed with CorruptDataException until the page was rewritten. A damaged page in the newest segment
     * that no later record proves forced is a torn tail like any other record.
     */
    @Test
    void unforcedPagePayloadLostUnderALaterPoint(@TempDir Path dir) throws Exception {
        PageStore s = PageStore.open(dir, options());
        Volume v = s.createVolume("tp", VolumeOptions.defaults());
        byte[] page = new byte[Content.PAGE];
        new Random(SEED).nextBytes(page); // incompressible: stored raw, so the hole lands in page bytes
        v.write(ByteBuffer.wrap(page), 0);
        Point acked = v.mark();
        Path newest = LogFiles.newestSegment(dir);
        long forced = LogFiles.end(newest);
        new Random(SEED + 1).nextBytes(page);
        v.write(ByteBuffer.wrap(page), 0); // unacknowledged ...
        v.markLazily(); // ... and so is this point, although its bytes reach the disk
        try (var f = new java.io.RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(forced + LogFiles.HEADER + 100);
            f.write(new byte[512]); // power loss: part of the page payload never made it
        }
        try (PageStore r = PageStore.open(dir, options())) {
            Volume tp = r.volume("tp").orElseThrow();
            assertThat(tp.latestPoint().lsn()).isEqualTo(acked.lsn());
            byte[] head = new byte[Content.PAGE];
            assertThatCode(() -> tp.read(ByteBuffer.wrap(head), 0)).doesNotThrowAnyException();
            byte[] first = new byte[Content.PAGE];
            new Random(SEED).nextBytes(first);
            assertThat(head).isEqualTo(first);
        }
    }

    /**
     * BUG 9 (fixed): delete() and close() held the store's monitor and then took the volume's writer lock, while
     * mark() and backtrack() hold the writer lock and then took the store's monitor (for the point's time).
     * A delete racing a commit on the same volume deadlocked, and with it every later mark() of the store.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void deleteRacingMarkDoesNotDeadlock(@TempDir Path dir) throws Exception {
        try (PageStore s = PageStore.open(dir, options().withFsync(false))) {
            for (int round = 0; round < 200; round++) {
                Volume v = s.createVolume("d" + round, VolumeOptions.defaults());
                write(v, 1, 0, 1);
                Thread marker = new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            v.mark();
                        }
                    } catch (io.strata.storage.NoSuchPointException deleted) {
                        // the delete won: expected
                    }
                });
                marker.start();
                s.delete(v);
                marker.join(10_000);
                assertThat(marker.isAlive()).as("mark() stuck behind delete() in round %d", round).isFalse();
            }
        }
    }

    /**
     * BUG 6 (fixed): Checkpoint.load parsed the whole file and checks its CRC only at the end, so a damaged field is
     * used before it is verified. A flipped high bit in a page number makes Timeline.put index a negative slot
     * (ArrayIndexOutOfBoundsException escapes PageStore.open instead of a StorageException); bit 30 instead
     * makes it allocate a 2^30-slot array (OutOfMemoryError), and smaller flips silently allocate large ones.
     */
    @Test
    void checkpointPageNumberFlipEscapesAsArrayIndexOutOfBounds(@TempDir Path dir) throws Exception {
        try (PageStore s = PageStore.open(dir, options())) {
            Volume v = s.createVolume("cp", VolumeOptions.defaults());
            write(v, 1, 0, 3);
            v.mark();
        }
        Path cp = dir.resolve("checkpoint");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cp));
        // header 56 bytes, timeline count u32, then timeline 1: six u64, size changes u32 n, 16n bytes, pages u32, page u32
        int sizes = b.getInt(56 + 4 + 48);
        int firstPage = 56 + 4 + 48 + 4 + 16 * sizes + 4;
        LogFiles.flipBit(cp, firstPage * 8L + 7); // the top bit of the big-endian page number
        Throwable t = catchThrowable(() -> PageStore.open(dir, options()).close());
        assertThat(t).isInstanceOf(StorageException.class).hasMessageContaining("checkpoint");
    }
}
