package io.strata.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Feature scenarios of the storage layer (clone, backtrack, point-in-time, full copy, restart, concurrency).
 * Subclasses run the same suite over real files and over an in-memory file system; retention, pins, GC and
 * space are in {@link RetentionScenarios}.
 */
abstract class StorageScenarios extends StoreFixture {
    @Test
    void cloneSeesSourceAtPointAndWritesStayOnTheirSide() {
        Volume src = create("src");
        writePage(src, 0, 1);
        writePage(src, 1, 2);
        Point p1 = src.mark();
        writePage(src, 0, 3);
        src.mark();

        Volume atP1 = store.clone(src, p1.lsn(), "c1");
        Volume latest = store.clone(src, null, "c2");
        assertThat(readPage(atP1, 0)).isEqualTo(page(1));
        assertThat(readPage(latest, 0)).isEqualTo(page(3));

        writePage(atP1, 1, 10);
        writePage(src, 1, 11);
        assertThat(readPage(atP1, 1)).isEqualTo(page(10));
        assertThat(readPage(src, 1)).isEqualTo(page(11));
        assertThat(readPage(latest, 1)).isEqualTo(page(2));
    }

    @Test
    void clonesOfClonesToDepthAndSourceDeletionLeavesClonesIntact() {
        // d0 writes 16 pages; the chain d1..d100 rewrites only pages 0-7, so pages 8-15 of every clone are read
        // from d0's history, which must outlive d0 itself.
        Volume v = create("d0");
        for (int p = 0; p < 16; p++) {
            writePage(v, p, p);
        }
        v.mark();
        Volume first = v;
        for (int depth = 1; depth <= 100; depth++) {
            Volume c = store.clone(v, null, "d" + depth);
            writePage(c, depth % 8, 1000 + depth);
            c.mark();
            v = c;
        }
        store.delete(first);
        store.gc();
        assertThat(store.volume("d0")).isEmpty();
        Volume d1 = store.volume("d1").orElseThrow();
        for (int p = 0; p < 16; p++) {
            assertThat(readPage(d1, p)).as("d1 page %d", p).isEqualTo(page(p == 1 ? 1001 : p));
            int lastDepth = -1;
            for (int d = 1; d <= 100 && p < 8; d++) {
                if (d % 8 == p) {
                    lastDepth = d;
                }
            }
            assertThat(readPage(v, p)).as("d100 page %d", p).isEqualTo(page(lastDepth < 0 ? p : 1000 + lastDepth));
        }
        store.close();
        store = PageStore.open(dir, StoreDirs.testOptions());
        assertThat(readPage(store.volume("d100").orElseThrow(), 12)).isEqualTo(page(12));
    }

    @Test
    void deletingAcloneForgetsItsIndexAtOnce() {
        Volume src = create("keep");
        writePage(src, 0, 1);
        src.mark();
        int before = store.catalog.timelines.size();
        for (int i = 0; i < 50; i++) {
            Volume c = store.clone(src, null, "tmp" + i);
            writePage(c, 5, i);
            c.mark();
            store.delete(c);
        }
        assertThat(store.catalog.timelines.size()).isEqualTo(before);
        assertThat(readPage(src, 0)).isEqualTo(page(1));
    }

    @Test
    void backtrackBackAndForthWithinTheWindow() throws Exception {
        Volume v = create("bt");
        writePage(v, 0, 1);
        Point p1 = v.mark();
        writePage(v, 0, 2);
        Point p2 = v.mark();
        writePage(v, 0, 3);
        v.mark();

        Backtrack back = v.backtrack(p1.time());
        assertThat(back.landed().lsn()).isEqualTo(p1.lsn());
        assertThat(readPage(v, 0)).isEqualTo(page(1));
        writePage(v, 0, 4);
        v.mark();

        // Forward again, to a state that was current before the backtrack.
        Backtrack fwd = v.backtrack(p2.time());
        assertThat(fwd.landed().lsn()).isEqualTo(p2.lsn());
        assertThat(readPage(v, 0)).isEqualTo(page(2));
        assertThat(v.backtracks()).extracting(Backtrack::id).containsExactly(back.id(), fwd.id());

        store.close();
        store = PageStore.open(dir, StoreDirs.testOptions());
        Volume again = store.volume("bt").orElseThrow();
        assertThat(readPage(again, 0)).isEqualTo(page(2));
        assertThat(again.backtracks()).hasSize(2);
        assertThat(again.backtracks().get(0).from().lsn().value()).isGreaterThan(p2.lsn().value());
    }

    @Test
    void backtrackRefusesFutureTimesAndTimesBeforeTheCloneExisted() {
        Volume src = create("s");
        writePage(src, 0, 1);
        Point before = src.mark();
        Volume c = store.clone(src, null, "c");
        assertThatThrownBy(() -> c.backtrack(Instant.now().plusSeconds(60))).isInstanceOf(NoSuchPointException.class)
                .hasMessageContaining("future");
        assertThatThrownBy(() -> c.backtrack(before.time())).isInstanceOf(NoSuchPointException.class)
                .hasMessageContaining("earliest backtrack time");
    }

    @Test
    void pointInTimeViewReadsOldStateWhileVolumeKeepsWriting() {
        Volume v = create("pit");
        writePage(v, 3, 1);
        Point p = v.mark();
        try (VolumeView view = v.openView(p.lsn())) {
            writePage(v, 3, 2);
            v.mark();
            v.truncate(0);
            store.gc();
            assertThat(readPage(view, 3)).isEqualTo(page(1));
            assertThat(view.size()).isEqualTo(4L * PAGE);
        }
        assertThat(v.size()).isZero();
        assertThat(v.pointAtOrBefore(p.time())).contains(p);
    }

    @Test
    void fullCopySharesNothingAndReportsProgress() {
        Volume src = create("fc");
        for (int p = 0; p < 40; p++) {
            writePage(src, p, p);
        }
        Point at = src.mark();
        writePage(src, 0, 99);
        src.mark();
        List<Long> progress = new ArrayList<>();
        Volume copy = store.fullCopy(src, at.lsn(), "copy", VolumeOptions.defaults(), (done, total) -> progress.add(done));
        assertThat(progress).isNotEmpty().last().isEqualTo(40L * PAGE);
        assertThat(readPage(copy, 0)).isEqualTo(page(0));
        assertThat(copy.space().sharedBytes()).isZero();
        store.delete(src);
        store.gc();
        assertThat(readPage(copy, 39)).isEqualTo(page(39));
    }

    @Test
    void unalignedReadsAndWritesAndTruncate() {
        Volume v = create("u");
        byte[] data = new byte[10_000];
        new java.util.Random(7).nextBytes(data);
        v.write(ByteBuffer.wrap(data), 1234);
        assertThat(v.size()).isEqualTo(11_234);
        ByteBuffer b = ByteBuffer.allocate(300);
        assertThat(v.read(b, 5000)).isEqualTo(300);
        assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(data, 5000 - 1234, 5300 - 1234));
        v.truncate(2000);
        v.write(ByteBuffer.wrap(new byte[] {1}), 9000);
        ByteBuffer z = ByteBuffer.allocate(100);
        v.read(z, 2000);
        assertThat(z.array()).containsOnly(0);
        assertThat(v.read(ByteBuffer.allocate(1), 9001)).isEqualTo(-1);
    }

    @Test
    void restartRestoresEveryVolumePointAndBacktrackRecord() {
        Volume a = create("a");
        writePage(a, 0, 1);
        Point pa = a.mark();
        Volume b = store.clone(a, null, "b");
        writePage(b, 1, 2);
        b.mark();
        a.pin(pa.lsn());
        store.checkpoint();
        writePage(a, 0, 3);
        a.mark();
        a.backtrack(pa.time());
        store.close();
        store = PageStore.open(dir, StoreDirs.testOptions());
        assertThat(store.volumes()).extracting(Volume::name).containsExactly("a", "b");
        Volume a2 = store.volume("a").orElseThrow();
        assertThat(readPage(a2, 0)).isEqualTo(page(1));
        assertThat(a2.backtracks()).hasSize(1);
        assertThat(readPage(store.volume("b").orElseThrow(), 1)).isEqualTo(page(2));
    }

    @Test
    void manyVolumesWriteConcurrentlyWhileReadersReadOldPoints() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Volume v = create("w" + i);
                fs.add(pool.submit(() -> {
                    for (int round = 0; round < 100; round++) {
                        writePage(v, round % 10, round);
                        Point p = v.mark();
                        try (VolumeView view = v.openView(p.lsn())) {
                            assertThat(readPage(view, round % 10)).isEqualTo(page(round));
                        }
                    }
                    return null;
                }));
            }
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.gc();
                }
                return null;
            }));
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
