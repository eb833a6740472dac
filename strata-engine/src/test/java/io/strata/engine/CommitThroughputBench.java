package io.strata.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits per second of the {@link CounterWorkload} with and without the statement exclusion of
 * {@link CommitGate}. A measurement, not a check: runs only with {@code -Dstrata.bench=true}
 * ({@code -Dstrata.bench.millis=}, {@code -Dstrata.bench.threads=}, {@code -Dstrata.bench.fsync=}).
 */
class CommitThroughputBench {

    @TempDir
    Path dir;

    @Test
    void commitsPerSecondWithAndWithoutStatementExclusion() throws Exception {
        assumeTrue(Boolean.getBoolean("strata.bench"), "bench only");
        long millis = Long.getLong("strata.bench.millis", 5_000);
        int threads = Integer.getInteger("strata.bench.threads", 4);
        for (boolean exclusion : new boolean[] {false, true, false, true}) {
            try (PageStore store = PageStore.open(dir.resolve("b" + System.nanoTime()),
                    StoreOptions.defaults().withFsync(Boolean.getBoolean("strata.bench.fsync")))) {
                Volume volume = store.createVolume("bench", VolumeOptions.defaults());
                try (Database db = Database.open(volume, EngineOptions.defaults().withCommitExclusion(exclusion))) {
                    CounterWorkload workload = new CounterWorkload(db, threads);
                    long end = System.nanoTime() + millis * 1_000_000;
                    workload.run(() -> System.nanoTime() > end);
                    System.out.printf("bench: exclusion %s, %d threads: %.0f commits/s%n",
                            exclusion ? "on " : "off", threads, workload.commits() * 1000.0 / millis);
                }
            }
        }
    }
}
