package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows that the store-header substitution matters: once H2 reuses chunk space, the header it writes
 * names the chunk before the newest one; without substitution the commit-end points of such commits
 * lose the last acknowledged commit, with it none does (research Q2 and "Fix 1").
 */
class StoreHeaderFixTest {

    /** Commit-end cuts checked per variant, the newest ones (all after chunk-space reuse began). */
    private static final int CUTS = 150;

    @TempDir
    Path dir;

    @Test
    void withoutSubstitutionCommitPointsLoseTheLastCommitWithItNoneDo() throws Exception {
        CutChecker off = run(false);
        CutChecker on = run(true);
        System.out.println("header-fix: substitution off: " + off.summary());
        System.out.println("header-fix: substitution on:  " + on.summary());
        assertThat(off.lostAcked.get()).as("commit-end cuts losing an acked commit, fix off").isPositive();
        assertThat(on.failures).isEmpty();
        assertThat(on.correct.get()).isEqualTo(CUTS);
    }

    private CutChecker run(boolean substitute) throws Exception {
        // A chunk per commit (no redo log): the hazard is in H2's chunk writes, so each commit must make one.
        EngineOptions options = EngineOptions.defaults().withRetentionTime(Duration.ofMillis(1000))
                .withStoreHeaderSubstitution(substitute).withRedoCommitsPerChunk(0);
        try (PageStore store = PageStore.open(dir.resolve("fix-" + substitute), StoreOptions.defaults().withFsync(false))) {
            Volume volume = store.createVolume("v", VolumeOptions.defaults());
            Database db = Database.open(volume, options);
            CounterWorkload workload = new CounterWorkload(db, 1);
            long minEnd = System.nanoTime() + 1_500_000_000L;
            long maxEnd = System.nanoTime() + 20_000_000_000L;
            // Run past the start of reuse until H2 has written enough headers that lag behind.
            workload.run(() -> System.nanoTime() > maxEnd
                    || (System.nanoTime() > minEnd && db.headersBehind() >= 2 * CUTS));
            db.close();
            System.out.printf("header-fix: substitution %s: %d commits, header writes %d, behind %d, substituted %d%n",
                    substitute ? "on" : "off", workload.commits(), db.headerWrites(), db.headersBehind(),
                    db.headerSubstitutions());
            List<Lsn> acks = List.copyOf(new TreeSet<>(workload.ackPoints()));
            CutChecker checker = new CutChecker(store, volume, workload);
            for (Lsn cut : acks.subList(Math.max(0, acks.size() - CUTS), acks.size())) {
                checker.check(cut);
            }
            return checker;
        }
    }
}
