package io.strata.bench;

import io.strata.storage.Volume;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.strata.bench.BenchUtil.medianL;
import static io.strata.bench.BenchUtil.ms;
import static io.strata.bench.BenchUtil.sizeName;
import static io.strata.bench.StorageBench.PAGE;

/**
 * How long writers wait while the store does whole-index work: a checkpoint (written with the mutation lock
 * held exclusively) and a GC (expire points, collect read points and prune with writers paused; copying live
 * records runs beside them). One thread commits (one page + mark()) without pause; the main thread runs a
 * checkpoint and then a GC, three times each; every commit's latency is recorded with what ran during it.
 */
final class PauseBench {
    private static final int ROUNDS = 3;

    private PauseBench() {
    }

    static void measure(SizeRun run) throws Exception {
        Volume v = run.db;
        List<Long> quiet = new ArrayList<>();
        List<Long> duringCheckpoint = new ArrayList<>();
        List<Long> duringGc = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        // 0: nothing else runs, 1: a checkpoint runs, 2: a GC runs (written by the main thread, read by the writer)
        AtomicInteger phase = new AtomicInteger();
        Thread writer = new Thread(() -> {
            byte[] page = new byte[PAGE];
            long i = 0;
            while (!stop.get()) {
                int during = phase.get();
                PageGen.fill(page, i % run.pages, 7 + i);
                long t = System.nanoTime();
                v.write(ByteBuffer.wrap(page), (i % run.pages) * PAGE);
                v.mark();
                long d = System.nanoTime() - t;
                int after = phase.get();
                List<Long> into = during == 1 || after == 1 ? duringCheckpoint : during == 2 || after == 2 ? duringGc : quiet;
                synchronized (into) {
                    into.add(d);
                }
                i++;
            }
        }, "pause-bench-writer");
        writer.start();
        long checkpointNanos = 0;
        long gcNanos = 0;
        try {
            Thread.sleep(300);
            for (int r = 0; r < ROUNDS; r++) {
                phase.set(1);
                long t = System.nanoTime();
                run.store.checkpoint();
                checkpointNanos = Math.max(checkpointNanos, System.nanoTime() - t);
                phase.set(0);
                Thread.sleep(200);
                phase.set(2);
                t = System.nanoTime();
                run.store.gc();
                gcNanos = Math.max(gcNanos, System.nanoTime() - t);
                phase.set(0);
                Thread.sleep(200);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        double maxCp = ms(max(duringCheckpoint));
        double maxGc = ms(max(duringGc));
        run.r.put("pause.commit.median.ms", ms(medianL(quiet)));
        run.r.put("pause.checkpoint.ms", ms(checkpointNanos));
        run.r.put("pause.commitDuringCheckpoint.max.ms", maxCp);
        run.r.put("pause.gc.ms", ms(gcNanos));
        run.r.put("pause.commitDuringGc.max.ms", maxGc);
        System.out.printf("   %-7s pauses: commit (1 page + mark) median %.2f ms when alone; checkpoint took up to %.1f ms, "
                        + "slowest commit during one %.1f ms; GC took up to %.1f ms, slowest commit during one %.1f ms "
                        + "(%d, %d and %d commits)%n", sizeName(run.size), ms(medianL(quiet)), ms(checkpointNanos), maxCp,
                ms(gcNanos), maxGc, quiet.size(), duringCheckpoint.size(), duringGc.size());
    }

    private static long max(List<Long> xs) {
        synchronized (xs) {
            return xs.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }
}
