package io.strata.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations that make the store rely on log bytes force them first: a checkpoint stands in for the records
 * before its position, and GC deletes the originals of the records it copied. (The crash tests check what a
 * power cut after each leaves; these check the force itself.)
 */
class PageStoreDurabilityTest {

    @Test
    void checkpointForcesTheLogItCovers(@TempDir Path dir) throws Exception {
        try (PageStore store = PageStore.open(dir, StoreDirs.testOptions())) {
            Volume v = store.createVolume("d", VolumeOptions.defaults());
            v.write(ByteBuffer.wrap(new byte[4096]), 0);
            v.markLazily();
            assertThat(store.log.unforcedBytes()).isPositive();
            store.checkpoint();
            assertThat(store.log.unforcedBytes()).isZero();
        }
    }

    @Test
    void gcForcesItsCopiesBeforeDeletingTheOriginals(@TempDir Path dir) throws Exception {
        try (PageStore store = PageStore.open(dir, StoreDirs.testOptions())) {
            Volume v = store.createVolume("g", VolumeOptions.withRetention(Duration.ZERO));
            byte[] page = new byte[4096];
            new java.util.Random(1).nextBytes(page);
            v.write(ByteBuffer.wrap(page), 0);
            for (int i = 0; i < 200; i++) {
                new java.util.Random(i + 2).nextBytes(page);
                v.write(ByteBuffer.wrap(page), 4096);
                v.mark();
            }
            GcReport r = store.gc();
            assertThat(r.bytesCopied()).as("page 0 was copied out of the first segment").isPositive();
            assertThat(store.log.unforcedBytes()).isZero();
        }
    }
}
