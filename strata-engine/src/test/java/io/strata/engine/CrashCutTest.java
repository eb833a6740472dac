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
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash cuts of concurrent committers: 4 threads commit past H2's chunk-space reuse while a side thread
 * marks points at random moments (between a commit's chunk write and its header write, inside close);
 * then the volume is opened at every point it has and each state is checked (see {@link CutChecker}).
 *
 * <p>CI runs RETENTION_TIME=1000 ms so reuse starts within a second. For the bench:
 * {@code -Dstrata.crash.defaultRetention=true} (H2's 45 s; run 70 s), {@code -Dstrata.crash.runMillis=},
 * {@code -Dstrata.crash.maxCommits=} (CI: stop at 2,500 commits once past 1.5 s), {@code -Dstrata.crash.fsync=true}.
 */
class CrashCutTest {

    @TempDir
    Path dir;

    @Test
    void everyCutHoldsEveryAckedCommitAndNoHalfTransaction() throws Exception {
        boolean defaultRetention = Boolean.getBoolean("strata.crash.defaultRetention");
        long runMillis = Long.getLong("strata.crash.runMillis", defaultRetention ? 70_000 : 6_000);
        long maxCommits = Long.getLong("strata.crash.maxCommits", defaultRetention ? Long.MAX_VALUE : 2_500);
        EngineOptions options = defaultRetention ? EngineOptions.defaults()
                : EngineOptions.defaults().withRetentionTime(Duration.ofMillis(1000));
        StoreOptions storeOptions = StoreOptions.defaults().withFsync(Boolean.getBoolean("strata.crash.fsync"));
        try (PageStore store = PageStore.open(dir, storeOptions)) {
            Volume volume = store.createVolume("crash", VolumeOptions.defaults());
            Database db = Database.open(volume, options);
            Lsn first = db.firstValidPoint();
            CounterWorkload workload = new CounterWorkload(db, 4);

            AtomicBoolean marking = new AtomicBoolean(true);
            List<Lsn> randomCuts = new ArrayList<>();
            Thread side = new Thread(() -> {
                while (marking.get()) {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(6_000_000));
                    Point p = volume.markLazily();
                    randomCuts.add(p.lsn());
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
                            + "%d random points; header writes %d, behind %d, substituted %d; writes outside commits %d; "
                            + "commits without exclusion %d%n",
                    workload.commits(), workload.threads(), elapsedMs, defaultRetention ? "default" : "1000 ms",
                    new TreeSet<>(workload.ackPoints()).size(), randomCuts.size(), db.headerWrites(),
                    db.headersBehind(), db.headerSubstitutions(), db.writesOutsideCommits(),
                    db.commitsWithoutExclusion());

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
            assertThat(checker.failures).isEmpty();
            assertThat(checker.correct.get()).isEqualTo(cuts.size());
        }
    }
}
