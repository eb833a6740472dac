package io.strata.crash;

import io.strata.storage.PageStore;
import io.strata.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A damaged index checkpoint is detected and reported, never silently used: a flipped bit anywhere in it,
 * or a truncated file, makes the open fail with a StorageException naming the checkpoint file.
 */
class CheckpointDamageTest {
    private static final long SEED = Long.getLong("strata.crash.seed", 20261125L);

    @Test
    void damagedCheckpointStopsTheOpen(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("base");
        History h = new History(SEED);
        try (PageStore s = PageStore.open(base, History.options())) {
            h.create(s, "k0", "k1");
            h.run(s, 120);
            s.clone(s.volume("k0").orElseThrow(), null, "kclone");
            h.run(s, 10);
        }
        Path cp = base.resolve("checkpoint");
        long size = Files.size(cp);
        Random rnd = new Random(SEED);
        int trials = 0;
        for (int i = 0; i < 80; i++) {
            long bit = i < 64 ? rnd.nextLong(size * 8) : (size - 4) * 8 + rnd.nextInt(32); // some in the trailer
            Path dir = LogFiles.copy(base, tmp.resolve("flip" + i));
            LogFiles.flipBit(dir.resolve("checkpoint"), bit);
            expectReported(dir, "bit " + bit + " of " + size * 8 + " flipped");
            trials++;
        }
        for (int i = 0; i < 12; i++) {
            long len = i == 0 ? 0 : rnd.nextLong(size);
            Path dir = LogFiles.copy(base, tmp.resolve("cut" + i));
            LogFiles.truncate(dir.resolve("checkpoint"), len);
            expectReported(dir, "cut to " + len + " of " + size + " bytes");
            trials++;
        }
        System.out.printf("CheckpointDamageTest: %d damaged checkpoints (%d bytes) all refused (seed %d)%n", trials, size, SEED);
    }

    private static void expectReported(Path dir, String what) {
        Throwable t = catchThrowable(() -> PageStore.open(dir, History.options()).close());
        assertThat(t).as("open with a checkpoint %s", what).isInstanceOf(StorageException.class)
                .hasMessageContaining(dir.resolve("checkpoint").toString());
    }
}
