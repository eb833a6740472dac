package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash cuts of concurrent committers that fight over shared rows: 4 threads commit past H2's chunk-space
 * reuse ({@link CounterWorkload} with 2 hot rows: row-lock waits, deadlocks, transactions rolled back) while
 * a side thread marks points at random moments; then the volume is opened at every point it has and each
 * state is checked ({@link CutChecker}): every commit acknowledged before the cut is there, no transaction
 * is half there (per thread, and across threads on the hot rows), nothing of a rolled-back one is there.
 *
 * <p><b>Which states are cut.</b> A Strata volume can only ever be opened at a point: after a crash each
 * timeline comes back at its last point (a torn tail of the log is cut, and writes after the last point
 * are rewound: docs/ARCHITECTURE.md, storage invariants 3 and 4, tested by strata-crash-tests'
 * KillNineTest and TornTailTest), and clones, restores and backtracks start at points. The engine marks
 * points only when a database opens, at each commit end, and at close. So a state inside an H2 write (a
 * torn write), or between the writes of one commit, never exists for Strata, and is not cut here: it would
 * test H2's recovery from states storage never exposes. This test cuts more than can exist: every commit
 * end, plus points at random write boundaries (between a commit's chunk write and its header write, inside
 * close), except right after a write H2 made outside a commit (a chunk stored while statements ran, which
 * the engine never marks: the next commit stores again with statements kept out; such moments are counted
 * as skipped).
 *
 * <p>Commits go to the redo log ({@link RedoLog}) with a chunk every 16 commits, so that the run both
 * reaches chunk-space reuse and has cuts whose state is a chunk plus up to 16 commits replayed at open, and
 * cuts between a chunk and the header of the log generation based on it.
 *
 * <p>CI runs RETENTION_TIME=1000 ms so reuse starts within a second. For the bench:
 * {@code -Dstrata.crash.defaultRetention=true} (H2's 45 s; run 70 s), {@code -Dstrata.crash.runMillis=},
 * {@code -Dstrata.crash.maxCommits=} (CI: stop at 2,500 commits once past 1.5 s),
 * {@code -Dstrata.crash.randomCuts=} (CI: 800), {@code -Dstrata.crash.redoCommitsPerChunk=} (CI: 16; 0: a chunk
 * per point), {@code -Dstrata.crash.hotRows=} (CI: 2; 0 for no
 * contention), {@code -Dstrata.crash.fsync=true}.
 */
class CrashCutTest {

    private static final int MAX_RANDOM_CUTS = Integer.getInteger("strata.crash.randomCuts", 800);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // a hang guard for CI, not a speed bound
    void everyCutHoldsEveryAckedCommitAndNoHalfTransaction() throws Exception {
        boolean defaultRetention = Boolean.getBoolean("strata.crash.defaultRetention");
        long runMillis = Long.getLong("strata.crash.runMillis", defaultRetention ? 70_000 : 6_000);
        long maxCommits = Long.getLong("strata.crash.maxCommits", defaultRetention ? Long.MAX_VALUE : 2_500);
        // A generous lock wait timeout: a 2-core CI box may keep a waiter waiting longer than H2's 2 s.
        EngineOptions options = (defaultRetention ? EngineOptions.defaults()
                : EngineOptions.defaults().withRetentionTime(Duration.ofMillis(1000))).withLockTimeout(Duration.ofMinutes(2))
                .withRedoCommitsPerChunk(Integer.getInteger("strata.crash.redoCommitsPerChunk", 16));
        StoreOptions storeOptions = StoreOptions.defaults().withFsync(Boolean.getBoolean("strata.crash.fsync"));
        try (PageStore store = PageStore.open(dir, storeOptions)) {
            Volume volume = store.createVolume("crash", VolumeOptions.defaults());
            Database db = Database.open(volume, options);
            Lsn first = db.firstValidPoint();
            CounterWorkload workload = new CounterWorkload(db, 4, Integer.getInteger("strata.crash.hotRows", 2));

            AtomicBoolean marking = new AtomicBoolean(true);
            List<Lsn> randomCuts = new ArrayList<>();
            AtomicLong skippedCuts = new AtomicLong();
            Thread side = new Thread(() -> {
                while (marking.get()) {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(6_000_000));
                    if (randomCuts.size() >= MAX_RANDOM_CUTS) {
                        continue;
                    }
                    db.markAtRandomMomentForCrashTest().ifPresentOrElse(p -> randomCuts.add(p.lsn()),
                            skippedCuts::incrementAndGet);
                }
            }, "random-cuts");
            side.start();
            long started = System.nanoTime();
            long minEnd = started + TimeUnit.MILLISECONDS.toNanos(Math.min(runMillis, 1_500));
            long maxEnd = started + TimeUnit.MILLISECONDS.toNanos(runMillis);
            // Past H2's chunk-space reuse (retention 1000 ms), then stop at maxCommits to bound CI time.
            workload.run(() -> {
                long now = System.nanoTime();
                return now > maxEnd || (now > minEnd && workload.commits() >= maxCommits);
            });
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            db.close();
            marking.set(false);
            side.join();
            System.out.printf("crash-cut: %d commits by %d threads in %d ms (%s retention); %d ack points, "
                            + "%d random points (%d moments skipped); header writes %d, behind %d, substituted %d; "
                            + "writes outside commits %d; lock waits %d, deadlocks %d; chunks %d, redo records %d%n",
                    workload.commits(), workload.threads(), elapsedMs, defaultRetention ? "default" : "1000 ms",
                    new TreeSet<>(workload.ackPoints()).size(), randomCuts.size(), skippedCuts.get(), db.headerWrites(),
                    db.headersBehind(), db.headerSubstitutions(), db.writesOutsideCommits(),
                    db.lockWaits(), db.deadlocks(), db.chunkWrites(), db.redoRecords());
            System.out.printf("crash-cut: %d rolled back, %d deadlock retries%n", workload.rollbacks(), workload.deadlockRetries());

            TreeSet<Lsn> cuts = new TreeSet<>();
            for (Point p : volume.points()) {
                if (p.lsn().compareTo(first) >= 0) {
                    cuts.add(p.lsn());
                }
            }
            CutChecker checker = new CutChecker(store, volume, workload);
            long checkStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (Lsn cut : cuts) {
                pool.execute(() -> checker.check(cut));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.MINUTES)).isTrue();
            long checkMs = (System.nanoTime() - checkStart) / 1_000_000;
            System.out.printf("crash-cut: %s, checked in %d ms%n", checker.summary(), checkMs);
            checker.failures.stream().limit(20).forEach(f -> System.out.println("crash-cut failure: " + f));

            assertThat(db.headerSubstitutions()).as("the run must reach H2's chunk-space reuse").isPositive();
            if (options.redoCommitsPerChunk() > 1) {
                assertThat(checker.replayed.get()).as("cuts opened by applying redo records").isPositive();
            }
            if (workload.hotRows() > 0) {
                assertThat(db.lockWaits()).as("statements must have waited for row locks").isPositive();
                assertThat(workload.rollbacks()).as("transactions must have rolled back").isPositive();
            }
            assertThat(checker.failures).isEmpty();
            assertThat(checker.correct.get()).isEqualTo(cuts.size());
        }
    }
}
