package io.strata.cli;

import io.strata.storage.Backtrack;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import io.strata.storage.VolumeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * `strata demo`: the storage layer on its embedded defaults — fill a volume, clone it, write on both sides,
 * backtrack, read a point in time, restart — printing what each step cost.
 */
@Command(name = "demo", description = "Run the storage demo: clone, backtrack and point-in-time read of a volume.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Store directory (default: a new temp dir).")
    Path dataDir;

    @Option(names = "--size-mb", defaultValue = "100", description = "Volume size in MiB (default: ${DEFAULT-VALUE}).")
    int sizeMb;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("strata-demo-");
        System.out.printf("store: %s%n", dir);
        long pages = sizeMb * 256L;
        String name = "prod-" + System.nanoTime();
        PageStore store = PageStore.open(dir);
        try {
            Volume prod = store.createVolume(name, VolumeOptions.withRetention(Duration.ofHours(24)));
            long t0 = System.nanoTime();
            byte[] page = new byte[4096];
            Random rnd = new Random(1);
            for (long p = 0; p < pages; p++) {
                rnd.nextBytes(page);
                java.util.Arrays.fill(page, 2048, 4096, (byte) 0);
                prod.write(ByteBuffer.wrap(page), p * 4096);
                if (p % 2560 == 0) {
                    System.out.printf("\rfilling %s: %d%%", prod.name(), p * 100 / pages);
                }
            }
            Point before = prod.mark();
            System.out.printf("\rfilled %d MiB in %d ms%n", sizeMb, ms(t0));

            t0 = System.nanoTime();
            Volume clone = store.clone(prod, before.lsn(), prod.name() + "-clone");
            System.out.printf("clone at %s: %.3f ms%n", before.time(), (System.nanoTime() - t0) / 1e6);

            clone.write(ByteBuffer.wrap(new byte[4096]), 0);
            clone.mark();
            prod.write(ByteBuffer.wrap(new byte[] {42}), 0);
            prod.mark();
            System.out.printf("clone holds %d bytes of its own, shares %d%n", clone.space().exclusiveBytes(), clone.space().sharedBytes());

            t0 = System.nanoTime();
            Backtrack b = prod.backtrack(before.time());
            System.out.printf("backtrack of %s to %s: %.3f ms%n", prod.name(), b.landed().time(), (System.nanoTime() - t0) / 1e6);

            t0 = System.nanoTime();
            try (VolumeView view = prod.openView(before.lsn())) {
                ByteBuffer first = ByteBuffer.allocate(16);
                view.read(first, 0);
                System.out.printf("point-in-time view opened and read: %.3f ms%n", (System.nanoTime() - t0) / 1e6);
            }
            store.delete(clone);

            t0 = System.nanoTime();
            store.close();
            store = PageStore.open(dir);
            prod = store.volume(name).orElseThrow();
            System.out.printf("restart (close, recover, load the index): %d ms; %s has %d points and %d backtrack(s)%n",
                    ms(t0), name, prod.points().size(), prod.backtracks().size());
            store.delete(prod);
            System.out.printf("gc: %s%n", store.gc());
        } finally {
            store.close();
        }
        return 0;
    }


    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
