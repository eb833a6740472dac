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
 * {@link CommitGate}, with the chunks H2 stored and the points appended per commit (below 1 when
 * concurrent commits share a store: group commit). A measurement, not a check: runs only with
 * {@code -Dstrata.bench=true} ({@code -Dstrata.bench.millis=}, {@code -Dstrata.bench.threads=} a list
 * such as {@code 1,4}, {@code -Dstrata.bench.fsync=}, {@code -Dstrata.bench.exclusionOff=true} to also
 * run without the exclusion).
 */
class CommitThroughputBench {

    @TempDir
    Path dir;

    @Test
    void commitsPerSecondWithAndWithoutStatementExclusion() throws Exception {
        assumeTrue(Boolean.getBoolean("strata.bench"), "bench only");
        long millis = Long.getLong("strata.bench.millis", 5_000);
        boolean fsync = Boolean.getBoolean("strata.bench.fsync");
        boolean[] modes = Boolean.getBoolean("strata.bench.exclusionOff")
                ? new boolean[] {false, true, false, true} : new boolean[] {true, true};
        for (String t : System.getProperty("strata.bench.threads", "4").split(",")) {
            int threads = Integer.parseInt(t.trim());
            for (boolean exclusion : modes) {
                try (PageStore store = PageStore.open(dir.resolve("b" + System.nanoTime()),
                        StoreOptions.defaults().withFsync(fsync))) {
                    Volume volume = store.createVolume("bench", VolumeOptions.defaults());
                    try (Database db = Database.open(volume, EngineOptions.defaults().withCommitExclusion(exclusion))) {
                        CounterWorkload workload = new CounterWorkload(db, threads);
                        long chunks = db.chunkWrites();
                        int points = volume.points().size();
                        long end = System.nanoTime() + millis * 1_000_000;
                        workload.run(() -> System.nanoTime() > end);
                        long commits = workload.commits();
                        System.out.printf("bench: fsync %s, exclusion %s, %d threads: %.0f commits/s, "
                                        + "%.2f chunks and %.2f points per commit%n",
                                fsync ? "on " : "off", exclusion ? "on " : "off", threads, commits * 1000.0 / millis,
                                (db.chunkWrites() - chunks) / (double) commits,
                                (volume.points().size() - points) / (double) commits);
                    }
                }
            }
        }
    }
}
