package io.strata.storage;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention windows, pins, open views and GC, and space accounting: what GC must keep, what it may reclaim,
 * and what each volume is charged. Subclasses run the suite over real files and an in-memory file system.
 */
abstract class RetentionScenarios extends StoreFixture {

    /** Marks a point with page 0 written as {@code seed} and returns it. */
    static Point commit(Volume v, int seed) {
        writePage(v, 0, seed);
        return v.mark();
    }

    static void sleepPast(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis() + 20);
    }

    @Test
    void windowExpiresOldPointsAndKeepsNewerOnes() throws Exception {
        Duration window = Duration.ofMillis(300);
        Volume v = store.createVolume("w", VolumeOptions.withRetention(window));
        Point old1 = commit(v, 1);
        Point old2 = commit(v, 2);
        sleepPast(window);
        Point fresh = commit(v, 3);
        GcReport r = store.gc();
        assertThat(r.pointsExpired()).isGreaterThanOrEqualTo(2);
        assertThat(v.points()).extracting(Point::lsn).doesNotContain(old1.lsn(), old2.lsn()).contains(fresh.lsn());
        assertThatThrownBy(() -> v.openView(old1.lsn())).isInstanceOf(NoSuchPointException.class);
        assertThat(v.pointAtOrBefore(old2.time())).isEmpty();

        // A longer window keeps points that the old one would have expired.
        v.setRetention(Duration.ofHours(1));
        assertThat(v.options().retention()).isEqualTo(Duration.ofHours(1));
        Point kept = commit(v, 4);
        sleepPast(window);
        commit(v, 5);
        store.gc();
        try (VolumeView view = v.openView(kept.lsn())) {
            assertThat(readPage(view, 0)).isEqualTo(page(4));
        }
    }

    @Test
    void windowZeroKeepsOnlyTheLatestPointAndRefusesBacktrack() {
        Volume v = store.createVolume("z", VolumeOptions.withRetention(Duration.ZERO));
        Point first = commit(v, 1);
        commit(v, 2);
        Point last = commit(v, 3);
        assertThatThrownBy(() -> v.backtrack(first.time())).isInstanceOf(NoSuchPointException.class)
                .hasMessageContaining("disabled");
        store.gc();
        assertThat(v.points()).containsExactly(last);
        assertThat(readPage(v, 0)).isEqualTo(page(3));
    }

    @Test
    void retentionZeroAndGcReclaimOverwrittenPages() {
        Volume v = store.createVolume("gc", VolumeOptions.withRetention(Duration.ZERO));
        for (int round = 0; round < 200; round++) {
            for (int p = 0; p < 16; p++) {
                writePage(v, p, round * 100 + p);
            }
            v.mark();
        }
        long before = store.diskBytes();
        GcReport r = store.gc();
        assertThat(r.versionsDropped()).isGreaterThan(0);
        assertThat(r.segmentsRewritten()).isGreaterThan(0);
        assertThat(store.diskBytes()).isLessThan(before / 4);
        for (int p = 0; p < 16; p++) {
            assertThat(readPage(v, p)).isEqualTo(page(199 * 100 + p));
        }
        store.close();
        store = PageStore.open(dir, StoreDirs.testOptions());
        Volume again = store.volume("gc").orElseThrow();
        assertThat(readPage(again, 15)).isEqualTo(page(199 * 100 + 15));
    }

    @Test
    void pinnedPointSurvivesGcOutsideTheWindowUntilUnpinned() {
        Volume v = store.createVolume("pin", VolumeOptions.withRetention(Duration.ZERO));
        Point pinned = commit(v, 1);
        v.pin(pinned.lsn());
        for (int i = 2; i < 50; i++) {
            commit(v, i);
        }
        store.gc();
        assertThat(v.points()).contains(pinned);
        try (VolumeView view = v.openView(pinned.lsn())) {
            assertThat(readPage(view, 0)).isEqualTo(page(1));
        }
        Volume restored = store.clone(v, pinned.lsn(), "restored");
        assertThat(readPage(restored, 0)).isEqualTo(page(1));

        v.unpin(pinned.lsn());
        store.gc();
        assertThat(v.points()).doesNotContain(pinned);
        assertThatThrownBy(() -> v.openView(pinned.lsn())).isInstanceOf(NoSuchPointException.class);
        assertThat(readPage(restored, 0)).as("the clone made from the pin keeps its state").isEqualTo(page(1));
    }

    @Test
    void pinsAndWindowsSurviveRestart() {
        Volume v = store.createVolume("rp", VolumeOptions.withRetention(Duration.ZERO));
        Point pinned = commit(v, 1);
        v.pin(pinned.lsn());
        Volume w = store.createVolume("rw", VolumeOptions.withRetention(Duration.ofMinutes(7)));
        commit(w, 1);
        for (int i = 2; i < 20; i++) {
            commit(v, i);
        }
        store.close();
        store = PageStore.open(dir, StoreDirs.testOptions());
        store.gc();
        Volume again = store.volume("rp").orElseThrow();
        assertThat(again.options().retention()).isEqualTo(Duration.ZERO);
        assertThat(store.volume("rw").orElseThrow().options().retention()).isEqualTo(Duration.ofMinutes(7));
        assertThat(again.points()).contains(pinned).hasSize(2);
        try (VolumeView view = again.openView(pinned.lsn())) {
            assertThat(readPage(view, 0)).isEqualTo(page(1));
        }
    }

    @Test
    void rangeReportsRestorableAndBacktrackTimes() throws Exception {
        Duration window = Duration.ofMillis(300);
        Volume v = store.createVolume("range", VolumeOptions.withRetention(Duration.ofHours(1)));
        Point created = v.latestPoint();
        Point p1 = commit(v, 1);
        RestorableRange r = v.range();
        assertThat(r.earliestRestorable()).isEqualTo(created.time());
        assertThat(r.latestRestorable()).isEqualTo(p1.time());
        assertThat(r.earliestBacktrack()).isEqualTo(created.time());

        v.setRetention(window);
        sleepPast(window);
        Instant beforeCall = Instant.now();
        Point p2 = commit(v, 2);
        RestorableRange later = v.range();
        // Points older than the window still exist until GC, but backtracking only reaches the window.
        assertThat(later.earliestRestorable()).isEqualTo(created.time());
        assertThat(later.latestRestorable()).isEqualTo(p2.time());
        assertThat(later.earliestBacktrack()).isAfterOrEqualTo(beforeCall.minus(window)).isBeforeOrEqualTo(p2.time());
        assertThatThrownBy(() -> v.backtrack(p1.time())).isInstanceOf(NoSuchPointException.class)
                .hasMessageContaining("earliest backtrack time");
    }

    @Test
    void anOpenViewAloneKeepsItsStateThroughGc() {
        Volume v = store.createVolume("lease", VolumeOptions.withRetention(Duration.ZERO));
        for (int p = 0; p < 16; p++) {
            writePage(v, p, p);
        }
        Point p0 = v.mark();
        VolumeView view = v.openView(p0.lsn());
        for (int round = 1; round < 100; round++) {
            for (int p = 0; p < 16; p++) {
                writePage(v, p, round * 100 + p);
            }
            v.mark();
        }
        GcReport r = store.gc();
        assertThat(r.segmentsRewritten()).as("GC moved records while the view was open").isPositive();
        assertThat(v.points()).as("the point itself expired").doesNotContain(p0);
        for (int p = 0; p < 16; p++) {
            assertThat(readPage(view, p)).as("page %d through the view", p).isEqualTo(page(p));
        }
        view.close();
        assertThat(store.gc().versionsDropped()).as("closing the view let GC drop the 16 versions it read")
                .isGreaterThanOrEqualTo(16);
        assertThatThrownBy(() -> readPage(view, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneFsyncCoversThePointsOfEveryVolumeAppendedBeforeIt() {
        Volume[] vs = new Volume[4];
        Point[] ps = new Point[4];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = create("g" + i);
        }
        for (int i = 0; i < vs.length; i++) {
            writePage(vs[i], 0, i);
            ps[i] = vs[i].markLazily();
        }
        long before = store.log.forceCount();
        vs[3].awaitDurable(ps[3]);
        for (int i = 0; i < vs.length; i++) {
            vs[i].awaitDurable(ps[i]);
        }
        assertThat(store.log.forceCount() - before).as("fsyncs for four volumes' points").isEqualTo(1);
    }

    @Test
    void spaceAccountingChargesAcloneOnlyForWhatItRewrites() {
        Volume src = create("big");
        for (int p = 0; p < 200; p++) {
            writePage(src, p, p);
        }
        src.mark();
        Volume c = store.clone(src, null, "cheap");
        assertThat(c.space().exclusiveBytes()).isZero();
        for (int p = 0; p < 2; p++) {
            writePage(c, p, 5000 + p);
        }
        c.mark();
        SpaceUsage cs = c.space();
        SpaceUsage ss = src.space();
        assertThat(cs.exclusiveBytes()).isBetween(2L * PAGE, 3L * PAGE);
        // The source still reads its own pages 0 and 1, which the clone reads too until it rewrote them.
        assertThat(ss.exclusiveBytes()).isZero();
        assertThat(ss.sharedBytes()).isGreaterThan(199L * PAGE);
        assertThat(cs.sharedBytes()).isGreaterThan(197L * PAGE);
    }
}
