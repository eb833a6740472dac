package io.strata.crash;

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
import java.util.SplittableRandom;

/**
 * The child process of {@link KillNineTest}: opens the store and writes until it is killed with SIGKILL.
 *
 * <p>One thread per volume ({@link #VOLUMES}) runs generations: the writes of {@link Content#plan} then
 * {@code mark()}, journalling each acknowledged point. v1 also backtracks now and then to one of its own
 * acknowledged points; v0 also clones itself at its last acknowledged point. v2 keeps points for only
 * {@link #V2_RETENTION}, and a GC thread runs {@code gc()} every 100-300 ms, so crashes also land in the
 * middle of point expiry, segment rewrites, checkpoints and segment retirement, and GC runs concurrently with
 * the backtracks and clones too (StorageBugsTest#gcRacingBacktrackAndCloneDropsTheNewTimeline races them on
 * purpose).
 *
 * <p>Arguments: {@code storeDir journal seed round startGenV0 startGenV1 startGenV2 pauseMicros}. Generation
 * numbers of round r are {@code r * 1_000_000 + i}, i = 1, 2, ...; the first builds on startGen.
 */
public final class CrashWorker {
    static final String[] VOLUMES = {"v0", "v1", "v2"};
    static final Duration V2_RETENTION = Duration.ofSeconds(1);
    static final long ROUND_GENS = 1_000_000L;

    private CrashWorker() {
    }

    /** Small segments and frequent checkpoints, so rounds cross both. */
    static StoreOptions storeOptions() {
        return StoreOptions.defaults().withSegmentBytes(256 * 1024).withCheckpointEveryBytes(1 << 20);
    }

    static VolumeOptions volumeOptions(String volume) {
        return volume.equals("v2") ? VolumeOptions.withRetention(V2_RETENTION) : VolumeOptions.defaults();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Journal journal = new Journal(Path.of(args[1]));
        long seed = Long.parseLong(args[2]);
        int round = Integer.parseInt(args[3]);
        long pauseMicros = Long.parseLong(args[7]);
        PageStore store = PageStore.open(dir, storeOptions());
        journal.line("O");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < VOLUMES.length; i++) {
            String name = VOLUMES[i];
            long startGen = Long.parseLong(args[4 + i]);
            threads.add(new Thread(guard(() -> runVolume(store, journal, seed, round, name, startGen, pauseMicros)), name));
        }
        threads.add(new Thread(guard(() -> runGc(store, journal, new SplittableRandom(seed + round))), "gc"));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void runVolume(PageStore store, Journal journal, long seed, int round, String name, long startGen,
                                  long pauseMicros) throws Exception {
        Volume vol = store.volume(name).orElseThrow();
        SplittableRandom r = new SplittableRandom(Content.mix(seed, name.hashCode(), round, 77));
        // Acknowledged points of this run, as (gen, lsn, micros): backtrack and clone targets.
        List<long[]> acked = new ArrayList<>();
        Point start = vol.latestPoint();
        acked.add(new long[] {startGen, start.lsn().value(), micros(start)});
        for (long i = 1; ; i++) {
            long gen = round * ROUND_GENS + i;
            Point p;
            if (name.equals("v1") && i % 17 == 0 && acked.size() >= 2) {
                long[] target = acked.get(r.nextInt(acked.size() - 1));
                journal.line("B", name, gen, target[0]);
                vol.backtrack(java.time.Instant.ofEpochSecond(target[2] / 1_000_000, (target[2] % 1_000_000) * 1000));
                p = vol.latestPoint();
                store.sync(); // acknowledged only once durable
            } else {
                for (Content.Run run : Content.plan(seed, name, gen)) {
                    vol.write(Content.runBytes(seed, name, run, gen), (long) run.first() * Content.PAGE);
                }
                p = vol.mark();
            }
            journal.line("P", name, gen, p.lsn().value(), micros(p));
            acked.add(new long[] {gen, p.lsn().value(), micros(p)});
            if (name.equals("v0") && i % 29 == 0) {
                String clone = "c" + round + "_" + i;
                journal.line("C", clone, gen, p.lsn().value());
                Volume c = store.clone(vol, new Lsn(p.lsn().value()), clone);
                store.sync(); // acknowledged only once durable
                journal.line("c", clone, c.latestPoint().lsn().value());
            }
            if (pauseMicros > 0) {
                Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
            }
        }
    }

    private static void runGc(PageStore store, Journal journal, SplittableRandom r) throws Exception {
        while (true) {
            Thread.sleep(100 + r.nextInt(200));
            store.gc();
            journal.line("G");
        }
    }

    static long micros(Point p) {
        return p.time().getEpochSecond() * 1_000_000 + p.time().getNano() / 1000;
    }

    interface Body {
        void run() throws Exception;
    }

    /** Any failure in the child is a test failure: print it and exit with 3 (the parent expects only SIGKILL). */
    private static Runnable guard(Body body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable t) {
                System.err.println("crash worker thread " + Thread.currentThread().getName() + " failed:");
                t.printStackTrace();
                System.err.flush();
                Runtime.getRuntime().halt(3);
            }
        };
    }
}
