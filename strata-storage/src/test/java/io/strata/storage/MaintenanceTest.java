package io.strata.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The background thread collects garbage and checkpoints without being asked. */
class MaintenanceTest {

    @Test
    void backgroundGcReclaimsAndCheckpointBoundsReplay(@TempDir Path dir) throws Exception {
        StoreOptions opts = StoreDirs.testOptions().withGcInterval(Duration.ofMillis(100));
        try (PageStore store = PageStore.open(dir, opts)) {
            Volume v = store.createVolume("m", VolumeOptions.withRetention(Duration.ZERO));
            byte[] page = new byte[4096];
            java.util.Random rnd = new java.util.Random(3);
            for (int round = 0; round < 300; round++) {
                for (int p = 0; p < 8; p++) {
                    rnd.nextBytes(page);
                    v.write(ByteBuffer.wrap(page), p * 4096L);
                }
                v.mark();
            }
            // ~10 MB written; live data is 8 pages. What stays on disk is bounded by the live data plus the
            // segment being written (256 KiB here) and the one GC copies into.
            long bound = 3 * 256 * 1024;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.diskBytes() > bound && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.diskBytes()).as("bytes on disk after background GC").isLessThan(bound);
            ByteBuffer last = ByteBuffer.allocate(4096);
            v.read(last, 7 * 4096L);
            assertThat(last.array()).isEqualTo(page);
        }
        assertThat(dir.resolve("checkpoint")).exists();
    }
}
