package io.strata.bench;

import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeView;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.strata.bench.BenchUtil.MiB;
import static io.strata.bench.BenchUtil.backtrackTo;
import static io.strata.bench.BenchUtil.deleteTree;
import static io.strata.bench.BenchUtil.fmt;
import static io.strata.bench.BenchUtil.loadAvg;
import static io.strata.bench.BenchUtil.median;
import static io.strata.bench.BenchUtil.ms;
import static io.strata.bench.BenchUtil.parseSize;
import static io.strata.bench.BenchUtil.pct;
import static io.strata.bench.BenchUtil.sizeName;
import static io.strata.bench.BenchUtil.writeFully;

/**
 * Macro benchmark of the storage layer ({@code strata-storage}): clone, backtrack, point-in-time views,
 * reads through deep clone / backtrack chains, commit-style write+fsync throughput against a plain file,
 * space of clones and history, and restart. Runs every measurement for each volume size (100 MiB and 1 GiB;
 * 10 GiB with {@code --large}) and prints one table with the sizes side by side, each figure with its target
 * and PASS/FAIL. See bench/README.md for what each figure means.
 *
 * <p>Usage: {@code bench/run-storage.sh [--large] [--dir DIR] [--sizes 100M,1G] [--keep]}
 */
public final class StorageBench {
    static final int PAGE = PageGen.PAGE;

    /** Points while loading: one every this many pages (1 MiB), like a bulk load committing in 1 MiB batches. */
    static final int LOAD_BATCH_PAGES = 256;
    static final int CLONES = 50;
    static final int CLONE_WARMUP = 5;
    static final int DEPTH = 100;
    static final int BACKTRACKS = 100;
    static final int TIMING_REPS = 101;
    static final int READS = 100_000;
    static final int COMMIT_ROUNDS = 5;
    static final int COMMITS_PER_ROUND = 80;

    private final Path base;
    private final boolean keep;
    private final List<Long> sizes;
    private final Map<Long, Map<String, Double>> results = new LinkedHashMap<>();
    private final Map<String, Double> global = new LinkedHashMap<>();

    private StorageBench(Path base, boolean keep, List<Long> sizes) {
        this.base = base;
        this.keep = keep;
        this.sizes = sizes;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        boolean large = false;
        boolean keep = false;
        List<Long> sizes = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--large" -> large = true;
                case "--keep" -> keep = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--sizes" -> {
                    sizes = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        sizes.add(parseSize(s.trim()));
                    }
                }
                case "-h", "--help" -> {
                    System.out.println("usage: bench/run-storage.sh [--large] [--dir DIR] [--sizes 100M,1G,10G] [--keep]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (sizes == null) {
            sizes = new ArrayList<>(List.of(100 * MiB, 1024 * MiB));
            if (large) {
                sizes.add(10240 * MiB);
            }
        }
        sizes.sort(null);
        Files.createDirectories(dir);
        Path base = Files.createTempDirectory(dir, "strata-bench-");
        new StorageBench(base, keep, sizes).run();
    }

    // ------------------------------------------------------------------------------------------------

    private void run() throws Exception {
        long t0 = System.nanoTime();
        FileStore fs = Files.getFileStore(base);
        System.out.printf("Strata storage benchmark  %s%n", Instant.now());
        System.out.printf("java %s, %d cpus, max heap %d MiB, data dir %s (%s, %s)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MiB, base, fs.type(), fs.name());
        System.out.printf("load average at start: %s (other processes on this machine share its CPUs and disk)%n", loadAvg());
        System.out.printf("sizes: %s; fsync=true everywhere (StoreOptions.defaults())%n%n",
                String.join(", ", sizes.stream().map(BenchUtil::sizeName).toList()));
        compressionOfGenerator();
        fsyncFloor();
        // Phase by phase, every size in turn (and, for the timed O(1) operations, interleaved op by op), so a
        // change in the disk's state during the run (writeback, discard of deleted files) hits all sizes alike.
        // Nothing is deleted until the end: this file system may be mounted with "discard".
        try {
            runAll();
        } finally {
            if (!keep) {
                deleteTree(base);
            } else {
                System.out.println("kept data in " + base);
            }
        }
        System.out.printf("%ntotal run time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private void runAll() throws Exception {
        List<SizeRun> runs = new ArrayList<>();
        for (long size : sizes) {
            Map<String, Double> r = new LinkedHashMap<>();
            results.put(size, r);
            runs.add(new SizeRun(base.resolve("store-" + sizeName(size).replace(" ", "")), size, r));
        }
        phase("load", () -> {
            for (SizeRun r : runs) {
                r.load();
            }
        });
        phase("restart", () -> {
            for (SizeRun r : runs) {
                r.restart("restart", true);
            }
        });
        phase("space", () -> {
            for (SizeRun r : runs) {
                r.space();
            }
        });
        phase("clone", () -> cloneTimes(runs));
        phase("reads", () -> {
            for (SizeRun r : runs) {
                r.reads();
            }
        });
        phase("views and backtracks", () -> viewsAndBacktracks(runs));
        phase("commits", () -> {
            for (SizeRun r : runs) {
                CommitBench.measure(r);
            }
        });
        phase("writer pauses during checkpoint and GC", () -> {
            for (SizeRun r : runs) {
                PauseBench.measure(r);
            }
        });
        phase("restart after all tests", () -> {
            for (SizeRun r : runs) {
                r.restart("restart.full", false);
                r.store.close();
            }
        });
        System.out.printf("load average at end: %s%n", loadAvg());
        printTable();
    }

    interface Phase {
        void run() throws Exception;
    }

    private void phase(String name, Phase p) throws Exception {
        System.out.printf("== %s%n", name);
        long t = System.nanoTime();
        p.run();
        System.out.printf("   (%.1f s)%n", (System.nanoTime() - t) / 1e9);
    }

    /** Clones of every size's volume, interleaved, with a raw fsync probe between them: the disk's floor at that moment. */
    private void cloneTimes(List<SizeRun> runs) throws IOException {
        Path probe = base.resolve("fsync-probe-clone.dat");
        byte[] page = new byte[PAGE];
        long[][] ts = new long[runs.size()][CLONES];
        long[][] mem = new long[runs.size()][CLONES];
        long[] fs = new long[CLONES];
        List<Runnable> cleanup = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = 0; i < CLONE_WARMUP + CLONES; i++) {
                for (int kk = 0; kk < runs.size(); kk++) {
                    int k = (kk + i) % runs.size();   // rotating order: no size always goes first
                    SizeRun r = runs.get(k);
                    long t = System.nanoTime();
                    Volume c = r.store.clone(r.db, null, "clone-" + i);
                    long inMemory = System.nanoTime() - t;
                    r.store.sync(); // what a caller pays before it may acknowledge the clone (the API does this)
                    long d = System.nanoTime() - t;
                    if (i >= CLONE_WARMUP) {
                        ts[k][i - CLONE_WARMUP] = d;
                        mem[k][i - CLONE_WARMUP] = inMemory;
                    }
                    cleanup.add(() -> r.store.delete(c));
                }
                long t = System.nanoTime();
                writeFully(ch, page, (long) i * PAGE);
                ch.force(false);
                if (i >= CLONE_WARMUP) {
                    fs[i - CLONE_WARMUP] = System.nanoTime() - t;
                }
            }
        }
        cleanup.forEach(Runnable::run);
        global.put("fsync.clone.ms", ms(median(fs)));
        for (int k = 0; k < runs.size(); k++) {
            SizeRun r = runs.get(k);
            r.r.put("clone.ms", ms(median(ts[k])));
            r.r.put("clone.p90.ms", ms(pct(ts[k], 90)));
            r.r.put("clone.min.ms", ms(Arrays.stream(ts[k]).min().getAsLong()));
            r.r.put("clone.nosync.ms", ms(median(mem[k])));
            System.out.printf("   %-7s clone + fsync: median %.3f ms, p90 %.3f ms, min %.3f ms (%d clones); the clone alone, "
                            + "before its fsync: median %.3f ms%n", sizeName(r.size), ms(median(ts[k])), ms(pct(ts[k], 90)),
                    ms(Arrays.stream(ts[k]).min().getAsLong()), CLONES, ms(median(mem[k])));
        }
        System.out.printf("   raw fsync probe between the clones (append 4 KiB + force(false)): median %.3f ms%n", ms(median(fs)));
    }

    /** Views and backtracks to a point near the start and near the end of each size's volume, interleaved. */
    private void viewsAndBacktracks(List<SizeRun> runs) {
        String[] which = {"start", "end"};
        int n = runs.size();
        long[][][] open = new long[n][2][TIMING_REPS];
        long[][][] openRead = new long[n][2][TIMING_REPS];
        long[][][] bt = new long[n][2][TIMING_REPS];
        long[][][] fwd = new long[n][2][TIMING_REPS];
        for (int i = 0; i < TIMING_REPS; i++) {
            for (int kk = 0; kk < n; kk++) {
                int k = (kk + i) % n;
                SizeRun r = runs.get(k);
                for (int ww = 0; ww < 2; ww++) {
                    int w = (ww + i / n) % 2;
                    Point p = w == 0 ? r.nearStart : r.nearEnd;
                    long t = System.nanoTime();
                    VolumeView v = r.db.openView(p.lsn());
                    open[k][w][i] = System.nanoTime() - t;
                    long viewPages = v.size() / PAGE;
                    v.read(ByteBuffer.allocate(PAGE), (long) r.rnd.nextInt((int) viewPages) * PAGE);
                    openRead[k][w][i] = System.nanoTime() - t;
                    v.close();
                }
            }
        }
        long[] fs = new long[TIMING_REPS];
        byte[] probePage = new byte[PAGE];
        try (FileChannel probe = FileChannel.open(base.resolve("fsync-probe-backtrack.dat"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            for (int i = 0; i < TIMING_REPS; i++) {
                long t = System.nanoTime();
                writeFully(probe, probePage, (long) i * PAGE);
                probe.force(false);
                fs[i] = System.nanoTime() - t;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int i = 0; i < TIMING_REPS; i++) {
            for (int kk = 0; kk < n; kk++) {
                int k = (kk + i) % n;                 // rotating order of sizes and of start / end
                SizeRun r = runs.get(k);
                for (int ww = 0; ww < 2; ww++) {
                    int w = (ww + i / n) % 2;
                    Point p = w == 0 ? r.nearStart : r.nearEnd;
                    long t = System.nanoTime();
                    backtrackTo(r.db, p.time());
                    r.store.sync(); // durable before it is acknowledged, as the control plane does
                    bt[k][w][i] = System.nanoTime() - t;
                    t = System.nanoTime();
                    backtrackTo(r.db, r.latest.time());
                    r.store.sync();
                    fwd[k][w][i] = System.nanoTime() - t;
                }
            }
        }
        global.put("fsync.bt.ms", ms(median(fs)));
        System.out.printf("   raw fsync probe just before the backtracks (append 4 KiB + force(false)): median %.3f ms, p90 %.3f ms%n",
                ms(median(fs)), ms(pct(fs, 90)));
        for (int k = 0; k < n; k++) {
            SizeRun r = runs.get(k);
            long scan = r.sizeScanNanos(r.nearStart);
            r.r.put("sizeAt.start.ms", ms(scan));
            System.out.printf("   %-7s diagnostic: Timeline.sizeAt(lsn of the point near the start) on the volume's root timeline "
                    + "takes %.3f ms (binary search of the size history)%n", sizeName(r.size), ms(scan));
            for (int w = 0; w < 2; w++) {
                Point p = w == 0 ? r.nearStart : r.nearEnd;
                double rate = r.viewReadRate(p);
                r.r.put("view." + which[w] + ".ms", ms(median(open[k][w])));
                r.r.put("viewread." + which[w] + ".ms", ms(median(openRead[k][w])));
                r.r.put("viewrate." + which[w], rate);
                r.r.put("bt." + which[w] + ".ms", ms(median(bt[k][w])));
                System.out.printf("   %-7s point near %-5s (%s): openView %.3f ms, openView + first 4 KiB read %.3f ms, "
                                + "view random reads %.0f pages/s; backtrack + fsync %.3f ms (p90 %.3f), forward again + fsync %.3f ms%n",
                        sizeName(r.size), which[w], p.lsn(), ms(median(open[k][w])), ms(median(openRead[k][w])), rate,
                        ms(median(bt[k][w])), ms(pct(bt[k][w], 90)), ms(median(fwd[k][w])));
            }
        }
    }

    /** LZ4 ratio of the generated pages themselves, measured with the same compressor the store uses. */
    private void compressionOfGenerator() {
        LZ4Compressor c = LZ4Factory.fastestInstance().fastCompressor();
        byte[] page = new byte[PAGE];
        byte[] out = new byte[c.maxCompressedLength(PAGE)];
        long in = 0;
        long comp = 0;
        for (int p = 0; p < 2000; p++) {
            PageGen.fill(page, p, 42);
            in += PAGE;
            comp += c.compress(page, 0, PAGE, out, 0, out.length);
        }
        long compMod = 0;
        for (int p = 0; p < 2000; p++) {
            PageGen.fill(page, p, 42);
            PageGen.modify(page, p * 31L + 7);
            compMod += c.compress(page, 0, PAGE, out, 0, out.length);
        }
        global.put("gen.lz4", (double) in / comp);
        System.out.printf("generated pages: LZ4 (fast) %.0f -> %.0f bytes per page, ratio %.2fx "
                        + "(after a 100-byte commit change: %.2fx)%n", (double) PAGE, comp / 2000.0, (double) in / comp,
                (double) in / compMod);
    }

    /** The cost of one fsync on this disk: 4 KiB appended / overwritten in place, then force(false). */
    private void fsyncFloor() throws IOException {
        Path f = base.resolve("fsync-probe.dat");
        byte[] page = new byte[PAGE];
        PageGen.fill(page, 1, 1);
        long[] app = new long[200];
        long[] inPlace = new long[200];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                ch.write(ByteBuffer.wrap(page), (long) i * PAGE);
                ch.force(false);
                app[i] = System.nanoTime() - t;
            }
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                ch.write(ByteBuffer.wrap(page), (long) (i % 200) * PAGE);
                ch.force(false);
                inPlace[i] = System.nanoTime() - t;
            }
        }
        Files.delete(f);
        global.put("fsync.append.ms", ms(median(app)));
        global.put("fsync.inplace.ms", ms(median(inPlace)));
        System.out.printf("fsync floor on this disk (median of 200): append 4 KiB + force(false) %.3f ms, "
                + "overwrite 4 KiB + force(false) %.3f ms%n%n", ms(median(app)), ms(median(inPlace)));
    }

    // ------------------------------------------------------------------------------------------------

    // ---- the table ------------------------------------------------------------------------------------

    private void printTable() {
        ResultTable t = new ResultTable(sizes, results);
        t.section("O(1) operations, medians (fsync=true; raw fsync of a 4 KiB append on this disk: " + fmt(global.get("fsync.append.ms"))
                + " ms at start, " + fmt(global.get("fsync.clone.ms")) + " ms during the clones, "
                + fmt(global.get("fsync.bt.ms")) + " ms before the backtracks)");
        double floor = global.get("fsync.clone.ms");
        t.row("clone (median of " + CLONES + "; durable at the next fsync)", "ms", "clone.nosync.ms",
                "< 1 ms; largest <= 1.5x smallest*", v -> v < 1.0, 1.5);
        t.row("clone + its fsync (what the API waits for)", "ms", "clone.ms",
                "< raw fsync + 1 ms (" + fmt(floor + 1) + "); <= 1.5x*", v -> v < floor + 1.0, 1.5);
        t.row("clone + fsync p90", "ms", "clone.p90.ms", "info", null, 0);
        t.row("backtrack + fsync, point near the start", "ms", "bt.start.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.row("backtrack + fsync, point near the end", "ms", "bt.end.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.ratioRow("backtrack near start / near end", "bt.start.ms", "bt.end.ms", "<= 1.5x either way*", 1.5, 0.1);
        t.row("openView near the start", "ms", "view.start.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.row("openView near the end", "ms", "view.end.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.ratioRow("openView near start / near end", "view.start.ms", "view.end.ms", "<= 1.5x either way*", 1.5, 0.1);
        t.row("openView + first 4 KiB read, near start", "ms", "viewread.start.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.row("openView + first 4 KiB read, near end", "ms", "viewread.end.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.row("view random reads, near start", "pages/s", "viewrate.start", "info", null, 0);
        t.row("  diagnostic: Timeline.sizeAt near start", "ms", "sizeAt.start.ms", "info (CPU, no I/O)", null, 0);
        t.row("view random reads, near end", "pages/s", "viewrate.end", "info", null, 0);
        t.section("Reads (random 4 KiB, warmed, 1 thread)");
        t.row("depth 0", "pages/s", "read.d0", "info", null, 0);
        t.row("clone depth " + DEPTH, "pages/s", "read.d100", "info", null, 0);
        t.row("after " + BACKTRACKS + " backtracks", "pages/s", "read.bt100", "info", null, 0);
        t.row("heap of the two chains once warmed", "MiB", "read.cacheHeapMiB", "info", null, 0);
        t.row("slowdown depth 0 / depth " + DEPTH, "x", "read.d100.ratio", "<= 2x", v -> v <= 2, 0);
        t.row("slowdown depth 0 / " + BACKTRACKS + " backtracks", "x", "read.bt100.ratio", "<= 2x", v -> v <= 2, 0);
        t.section("Commit pattern: 3-4 x 4 KiB pages then sync (fsync=true)");
        t.row("Strata write x3-4 + mark()", "commits/s", "commit.strata", "info", null, 0);
        t.row("FileChannel in place + force(false)", "commits/s", "commit.inplace", "info", null, 0);
        t.row("FileChannel append + force(false)", "commits/s", "commit.append", "info", null, 0);
        t.row("slowdown in-place file / Strata", "x", "commit.ratio", "<= 1.5x", v -> v <= 1.5, 0);
        t.row("slowdown append file / Strata", "x", "commit.ratio.append", "info (<= 1.5x)", null, 0);
        t.section("Writer pauses: one committer (1 page + mark()) while the store checkpoints or collects garbage");
        t.row("commit alone (median)", "ms", "pause.commit.median.ms", "info", null, 0);
        t.row("checkpoint (longest of 3)", "ms", "pause.checkpoint.ms", "info", null, 0);
        t.row("  slowest commit during a checkpoint", "ms", "pause.commitDuringCheckpoint.max.ms", "info", null, 0);
        t.row("GC (longest of 3)", "ms", "pause.gc.ms", "info", null, 0);
        t.row("  slowest commit during a GC", "ms", "pause.commitDuringGc.max.ms", "info", null, 0);
        t.section("Space");
        t.row("clone + 1% pages rewritten: exclusive", "% src stored", "space.pctStored", "<= 1.1%", v -> v <= 1.1, 0);
        t.row("  same, as % of logical size", "% logical", "space.pctLogical", "info", null, 0);
        t.row("history per point (engine commit)", "bytes", "history.bytesPerPoint", "info", null, 0);
        t.row("  pages written per commit", "KiB", "history.kibPerCommit", "info", null, 0);
        t.row("  compression of that history", "x", "history.ratio", "info", null, 0);
        t.row("bulk load compression (log bytes)", "x", "load.ratio", "info (generator LZ4: " + fmt(global.get("gen.lz4")) + "x)", null, 0);
        t.row("bulk load throughput", "MiB/s", "load.MiBps", "info", null, 0);
        t.section("Restart (close, then PageStore.open; checkpoint in page cache)");
        t.row("open, loaded volume only (max of 3)", "ms", "restart.ms", "< 2000 ms at the largest size", null, 0);
        t.largestRow("restart.ms", v -> v < 2000);
        t.row("open in a fresh JVM (a real restart)", "ms", "restart.freshJvm.ms", "< 2000 ms at the largest size", null, 0);
        t.largestRow("restart.freshJvm.ms", v -> v < 2000);
        t.row("index heap per page version", "bytes", "restart.heapPerVersion", "info (PageTable: 16 B per version + 20 B per touched slot)", null, 0);
        t.row("open, store after all tests (max of 3)", "ms", "restart.full.ms", "< 2000 ms at the largest size", null, 0);
        t.largestRow("restart.full.ms", v -> v < 2000);
        t.row("  the same in a fresh JVM", "ms", "restart.full.freshJvm.ms", "< 2000 ms at the largest size", null, 0);
        t.largestRow("restart.full.freshJvm.ms", v -> v < 2000);
        t.row("  index heap per page version", "bytes", "restart.full.heapPerVersion", "info", null, 0);
        t.row("  page versions", "count", "restart.full.versions", "info", null, 0);
        t.row("  timelines", "count", "restart.full.timelines", "info", null, 0);
        t.print();
    }


}
