package io.strata.bench;

import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.SpaceUsage;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import io.strata.storage.VolumeView;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

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
    static final long MiB = 1L << 20;

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

    static long parseSize(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        long mult = 1;
        if (u.endsWith("G") || u.endsWith("GB")) {
            mult = 1024 * MiB;
        } else if (u.endsWith("M") || u.endsWith("MB")) {
            mult = MiB;
        }
        return Long.parseLong(u.replaceAll("[^0-9]", "")) * mult;
    }

    static String sizeName(long bytes) {
        return bytes >= 1024 * MiB ? (bytes / (1024 * MiB)) + " GiB" : (bytes / MiB) + " MiB";
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
                String.join(", ", sizes.stream().map(StorageBench::sizeName).toList()));
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
                r.commits();
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
        long[] fs = new long[CLONES];
        List<Runnable> cleanup = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = 0; i < CLONE_WARMUP + CLONES; i++) {
                for (int kk = 0; kk < runs.size(); kk++) {
                    int k = (kk + i) % runs.size();   // rotating order: no size always goes first
                    SizeRun r = runs.get(k);
                    long t = System.nanoTime();
                    Volume c = r.store.clone(r.db, null, "clone-" + i);
                    long d = System.nanoTime() - t;
                    if (i >= CLONE_WARMUP) {
                        ts[k][i - CLONE_WARMUP] = d;
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
            System.out.printf("   %-7s clone: median %.3f ms, p90 %.3f ms, min %.3f ms (%d clones, fsync=true)%n", sizeName(r.size),
                    ms(median(ts[k])), ms(pct(ts[k], 90)), ms(Arrays.stream(ts[k]).min().getAsLong()), CLONES);
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
                    bt[k][w][i] = System.nanoTime() - t;
                    t = System.nanoTime();
                    backtrackTo(r.db, r.latest.time());
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
                    + "takes %.3f ms (linear scan of the size history)%n", sizeName(r.size), ms(scan));
            for (int w = 0; w < 2; w++) {
                Point p = w == 0 ? r.nearStart : r.nearEnd;
                double rate = r.viewReadRate(p);
                r.r.put("view." + which[w] + ".ms", ms(median(open[k][w])));
                r.r.put("viewread." + which[w] + ".ms", ms(median(openRead[k][w])));
                r.r.put("viewrate." + which[w], rate);
                r.r.put("bt." + which[w] + ".ms", ms(median(bt[k][w])));
                System.out.printf("   %-7s point near %-5s (%s): openView %.3f ms, openView + first 4 KiB read %.3f ms, "
                                + "view random reads %.0f pages/s; backtrack %.3f ms (p90 %.3f), backtrack forward again %.3f ms%n",
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

    /** All measurements for one volume size, in one store. */
    private final class SizeRun {
        final Path dir;
        final long size;
        final int pages;
        final Map<String, Double> r;
        final SplittableRandom rnd;
        PageStore store;
        Volume db;
        Point nearStart;
        Point nearEnd;
        Point latest;
        long versions;
        final byte[] page = new byte[PAGE];

        SizeRun(Path dir, long size, Map<String, Double> r) {
            this.dir = dir;
            this.size = size;
            this.pages = Math.toIntExact(size / PAGE);
            this.r = r;
            this.rnd = new SplittableRandom(size);
        }

        StoreOptions options() {
            return StoreOptions.defaults();
        }

        void load() throws IOException {
            store = PageStore.open(dir, options());
            db = store.createVolume("db", VolumeOptions.defaults());
            long disk0 = store.diskBytes();
            ByteBuffer batch = ByteBuffer.allocate(LOAD_BATCH_PAGES * PAGE);
            byte[] bb = batch.array();
            long t = System.nanoTime();
            for (int p = 0; p < pages; p += LOAD_BATCH_PAGES) {
                int n = Math.min(LOAD_BATCH_PAGES, pages - p);
                for (int i = 0; i < n; i++) {
                    PageGen.fill(page, p + i, 42);
                    System.arraycopy(page, 0, bb, i * PAGE, PAGE);
                }
                batch.clear().limit(n * PAGE);
                db.write(batch, (long) p * PAGE);
                db.mark();
                versions += n;
            }
            double secs = (System.nanoTime() - t) / 1e9;
            long stored = store.diskBytes() - disk0;
            r.put("load.MiBps", size / MiB / secs);
            r.put("load.ratio", (double) size / stored);
            r.put("load.points", (double) db.points().size());
            List<Point> pts = db.points();
            nearStart = pts.get(1);                 // after the first 1 MiB batch (point 0 is the empty volume)
            nearEnd = pts.get(pts.size() - 2);
            latest = pts.get(pts.size() - 1);
            System.out.printf("   %-7s load: %s in %.1f s (%.0f MiB/s, mark() every %d pages), stored %.1f MiB in the log, "
                            + "ratio %.2fx incl. 48-byte record headers, %d points%n", sizeName(size), sizeName(size), secs,
                    size / MiB / secs, LOAD_BATCH_PAGES, stored / (double) MiB, (double) size / stored, db.points().size());
            t = System.nanoTime();
            preallocate(dir.resolve("baseline-inplace.dat"));
            System.out.printf("   %-7s baseline file for the commit comparison: %s written and forced in %.1f s%n",
                    sizeName(size), sizeName(size), (System.nanoTime() - t) / 1e9);
        }

        /** Close, then time PageStore.open; heap retained by the loaded index per page version. */
        void restart(String key, boolean clean) {
            long[] times = new long[3];
            double heapPerVersion = 0;
            long heapDelta = 0;
            for (int i = 0; i < times.length; i++) {
                store.close();
                store = null;
                db = null;
                long before = usedHeapAfterGc();
                long t = System.nanoTime();
                store = PageStore.open(dir, options());
                times[i] = System.nanoTime() - t;
                long after = usedHeapAfterGc();
                if (i == 0) {
                    heapDelta = after - before;
                    heapPerVersion = (double) heapDelta / versions;
                }
                db = store.volume("db").orElseThrow();
            }
            long ckpt = fileSize(dir.resolve("checkpoint"));
            int timelines = timelineCount(store);
            r.put(key + ".ms", ms(Arrays.stream(times).max().getAsLong()));
            r.put(key + ".heapPerVersion", heapPerVersion);
            r.put(key + ".versions", (double) versions);
            r.put(key + ".timelines", (double) timelines);
            System.out.printf("   %-7s %s%s: PageStore.open %s ms (3 runs; max %.1f), checkpoint %.1f MiB, log %.1f MiB, "
                            + "index heap %.1f MiB for %d page versions in %d timelines = %.1f B/version%n",
                    sizeName(size), key, clean ? " (store with the loaded volume only)" : " (store after all tests, with clones and history)",
                    Arrays.toString(Arrays.stream(times).mapToObj(x -> String.format(Locale.ROOT, "%.1f", ms(x))).toArray()),
                    ms(Arrays.stream(times).max().getAsLong()), ckpt / (double) MiB, store.diskBytes() / (double) MiB,
                    heapDelta / (double) MiB, versions, timelines, heapPerVersion);
        }

        /** Clone a volume, rewrite 1% of its pages in the clone: the clone's exclusive bytes vs the source's. */
        void space() {
            Volume c = store.clone(db, null, "space-clone");
            int n = pages / 100;
            int[] chosen = distinctPages(n);
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                rewritePage(c, chosen[i]);
                if (i % 256 == 255) {
                    c.mark();
                }
            }
            c.mark();
            double writeSecs = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            SpaceUsage cs = c.space();
            double spaceMs = ms(System.nanoTime() - t);
            SpaceUsage ss = db.space();
            double pctStored = 100.0 * cs.exclusiveBytes() / ss.totalBytes();
            double pctLogical = 100.0 * cs.exclusiveBytes() / size;
            r.put("space.pctStored", pctStored);
            r.put("space.pctLogical", pctLogical);
            System.out.printf("   %-7s space: clone, rewrite %d pages (1%%) in %.1f s; clone exclusive %.2f MiB, shared %.1f MiB; "
                            + "source stored %.1f MiB -> exclusive = %.3f%% of source stored bytes, %.3f%% of logical size "
                            + "(Volume.space() took %.0f ms)%n", sizeName(size), n, writeSecs, cs.exclusiveBytes() / (double) MiB,
                    cs.sharedBytes() / (double) MiB, ss.totalBytes() / (double) MiB, pctStored, pctLogical, spaceMs);
            store.delete(c);
        }

        /**
         * Random 4 KiB reads, warmed: the volume itself (depth 0), a clone 100 deep, and a clone backtracked 100
         * times. Each is warmed by reading every page once; then 5 rounds of one timed pass each over the same
         * random page order, interleaved; the median pass counts.
         */
        void reads() {
            int[] order = new int[READS];
            for (int i = 0; i < READS; i++) {
                order[i] = rnd.nextInt(pages);
            }
            long heap0 = usedHeapAfterGc();
            Volume cur = db;
            for (int i = 1; i <= DEPTH; i++) {
                cur = store.clone(cur, null, "depth-" + i);
                rewritePage(cur, rnd.nextInt(pages));
                cur.mark();
            }
            Volume deep = cur;
            Volume bt = store.clone(db, null, "backtracked");
            Point prev = bt.latestPoint();
            for (int i = 0; i < BACKTRACKS; i++) {
                rewritePage(bt, rnd.nextInt(pages));
                bt.mark();
                backtrackTo(bt, prev.time());
                prev = bt.latestPoint();
            }
            Volume[] vs = {db, deep, bt};
            long[][] rates = new long[3][5];
            for (Volume v : vs) {
                warm(v);
            }
            long cacheHeap = usedHeapAfterGc() - heap0;
            r.put("read.cacheHeapMiB", cacheHeap / (double) MiB);
            for (int round = 0; round < 5; round++) {
                for (int k = 0; k < 3; k++) {
                    rates[k][round] = readPass(vs[(k + round) % 3], order);
                }
            }
            // rates[k][round] measured volume (k + round) % 3: regroup by volume
            long[][] byVol = new long[3][5];
            for (int round = 0; round < 5; round++) {
                for (int k = 0; k < 3; k++) {
                    byVol[(k + round) % 3][round] = rates[k][round];
                }
            }
            double d0 = median(byVol[0]);
            double d100 = median(byVol[1]);
            double b100 = median(byVol[2]);
            r.put("read.d0", d0);
            r.put("read.d100", d100);
            r.put("read.d100.ratio", d0 / d100);
            r.put("read.bt100", b100);
            r.put("read.bt100.ratio", d0 / b100);
            System.out.printf("   %-7s reads: depth 0 %.0f pages/s (%.0f MiB/s); clone depth %d (chain %d timelines deep) %.0f pages/s "
                            + "(depth0/depth100 = %.2fx); after %d backtracks (chain %d deep) %.0f pages/s (depth0/backtracked = %.2fx); "
                            + "heap held by the two chains (their index and fall-through caches) once warmed: %.1f MiB%n",
                    sizeName(size), d0, d0 * PAGE / MiB, DEPTH, depthOf(deep), d100, d0 / d100, BACKTRACKS, depthOf(bt), b100,
                    d0 / b100, cacheHeap / (double) MiB);
        }

        void warm(Volume v) {
            ByteBuffer buf = ByteBuffer.allocate(PAGE);
            for (int p = 0; p < pages; p++) {
                buf.clear();
                v.read(buf, (long) p * PAGE);
            }
        }

        long readPass(Volume v, int[] order) {
            ByteBuffer buf = ByteBuffer.allocate(PAGE);
            long sink = 0;
            long t = System.nanoTime();
            for (int p : order) {
                buf.clear();
                v.read(buf, (long) p * PAGE);
                sink += buf.get(9);
            }
            long rate = (long) (order.length / ((System.nanoTime() - t) / 1e9));
            return sink == Long.MIN_VALUE ? 0 : rate;
        }

        /** CPU time of Timeline.sizeAt(point) on the root timeline: what every view read and branch at that point pays. */
        long sizeScanNanos(Point p) {
            io.strata.storage.index.Timeline t = headOf(db);
            while (t.ancestor != null) {
                t = t.ancestor;
            }
            long sink = 0;
            for (int i = 0; i < 50; i++) {
                sink += t.sizeAt(p.lsn().value());
            }
            long[] ts = new long[51];
            for (int i = 0; i < ts.length; i++) {
                long s0 = System.nanoTime();
                sink += t.sizeAt(p.lsn().value());
                ts[i] = System.nanoTime() - s0;
            }
            return sink == 42 ? 0 : median(ts);
        }

        /** Steady-state random reads through a view (not the head), within the view's size. */
        double viewReadRate(Point p) {
            ByteBuffer buf = ByteBuffer.allocate(PAGE);
            try (VolumeView v = db.openView(p.lsn())) {
                int viewPages = (int) (v.size() / PAGE);
                for (int i = 0; i < 2000; i++) {
                    v.read(buf.clear(), (long) rnd.nextInt(viewPages) * PAGE);
                }
                int n = 20_000;
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    v.read(buf.clear(), (long) rnd.nextInt(viewPages) * PAGE);
                }
                return n / ((System.nanoTime() - t) / 1e9);
            }
        }

        /**
         * Engine-commit pattern: 3 or 4 pages (each the current image with ~100 bytes changed) then mark(), vs the
         * same bytes written with FileChannel at the same page offsets of a preallocated file + force(false), and
         * appended to a growing file + force(false). Rounds alternate so disk state drifts evenly.
         */
        void commits() throws IOException {
            Path inPlaceFile = dir.resolve("baseline-inplace.dat");
            Path appendFile = dir.resolve("baseline-append.dat");
            long strataNanos = 0;
            long inPlaceNanos = 0;
            long appendNanos = 0;
            long commits = 0;
            long pagesWritten = 0;
            long diskGrowth = 0;
            List<Long> strataLat = new ArrayList<>();
            List<Long> inPlaceLat = new ArrayList<>();
            List<Long> appendLat = new ArrayList<>();
            try (FileChannel inPlace = FileChannel.open(inPlaceFile, StandardOpenOption.WRITE);
                 FileChannel append = FileChannel.open(appendFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                long appendPos = 0;
                for (int round = -1; round < COMMIT_ROUNDS; round++) {   // round -1: warm-up, not counted
                    int n = round < 0 ? 20 : COMMITS_PER_ROUND;
                    int[][] pageNos = new int[n][];
                    byte[][][] images = new byte[n][][];
                    int roundPages = 0;
                    for (int c = 0; c < n; c++) {
                        int k = 3 + (c & 1);
                        pageNos[c] = new int[k];
                        images[c] = new byte[k][];
                        for (int j = 0; j < k; j++) {
                            int p = rnd.nextInt(pages);
                            byte[] img = new byte[PAGE];
                            db.read(ByteBuffer.wrap(img), (long) p * PAGE);
                            PageGen.modify(img, rnd.nextLong());
                            pageNos[c][j] = p;
                            images[c][j] = img;
                        }
                        roundPages += k;
                    }
                    long sN = 0;
                    long iN = 0;
                    long aN = 0;
                    long disk0 = store.diskBytes();
                    // Commit by commit, the three variants in rotating order: drift in the disk's state hits all alike.
                    for (int c = 0; c < n; c++) {
                        for (int order = 0; order < 3; order++) {
                            int which = (order + c) % 3;
                            long t = System.nanoTime();
                            if (which == 0) {
                                for (int j = 0; j < pageNos[c].length; j++) {
                                    db.write(ByteBuffer.wrap(images[c][j]), (long) pageNos[c][j] * PAGE);
                                }
                                db.mark();
                                long d = System.nanoTime() - t;
                                sN += d;
                                if (round >= 0) {
                                    strataLat.add(d);
                                }
                            } else if (which == 1) {
                                for (int j = 0; j < pageNos[c].length; j++) {
                                    writeFully(inPlace, images[c][j], (long) pageNos[c][j] * PAGE);
                                }
                                inPlace.force(false);
                                long d = System.nanoTime() - t;
                                iN += d;
                                if (round >= 0) {
                                    inPlaceLat.add(d);
                                }
                            } else {
                                for (int j = 0; j < pageNos[c].length; j++) {
                                    writeFully(append, images[c][j], appendPos);
                                    appendPos += PAGE;
                                }
                                append.force(false);
                                long d = System.nanoTime() - t;
                                aN += d;
                                if (round >= 0) {
                                    appendLat.add(d);
                                }
                            }
                        }
                    }
                    long grown = store.diskBytes() - disk0;
                    versions += roundPages;
                    if (round >= 0) {
                        strataNanos += sN;
                        inPlaceNanos += iN;
                        appendNanos += aN;
                        commits += n;
                        pagesWritten += roundPages;
                        diskGrowth += grown;
                    }
                }
            }
            double sRate = commits / (strataNanos / 1e9);
            double iRate = commits / (inPlaceNanos / 1e9);
            double aRate = commits / (appendNanos / 1e9);
            double kibPerCommit = pagesWritten * (double) PAGE / commits / 1024;
            r.put("commit.strata", sRate);
            r.put("commit.inplace", iRate);
            r.put("commit.append", aRate);
            r.put("commit.ratio", iRate / sRate);
            r.put("commit.ratio.append", aRate / sRate);
            r.put("commit.strata.median.ms", ms(medianL(strataLat)));
            r.put("commit.inplace.median.ms", ms(medianL(inPlaceLat)));
            r.put("commit.append.median.ms", ms(medianL(appendLat)));
            r.put("history.bytesPerPoint", (double) diskGrowth / commits);
            r.put("history.ratio", (double) pagesWritten * PAGE / diskGrowth);
            r.put("history.kibPerCommit", kibPerCommit);
            System.out.printf("   %-7s commits (%d x [3-4 pages = %.1f KiB avg, ~100 B changed per page] + sync): Strata write+mark() %.0f/s "
                            + "(median %.2f ms), FileChannel in place + force(false) %.0f/s (median %.2f ms), "
                            + "FileChannel append + force(false) %.0f/s (median %.2f ms); plain/Strata = %.2fx (in place), %.2fx (append)%n",
                    sizeName(size), commits, kibPerCommit, sRate, ms(medianL(strataLat)), iRate, ms(medianL(inPlaceLat)), aRate,
                    ms(medianL(appendLat)),
                    iRate / sRate, aRate / sRate);
            System.out.printf("   %-7s history: log grew %.1f KiB per point for %.1f KiB of pages written per commit "
                            + "(compression incl. headers %.2fx)%n", sizeName(size), diskGrowth / 1024.0 / commits, kibPerCommit,
                    (double) pagesWritten * PAGE / diskGrowth);
        }

        void preallocate(Path f) throws IOException {
            byte[] chunk = new byte[(int) MiB];
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long pos = 0; pos < size; pos += MiB) {
                    for (int i = 0; i < 256; i++) {
                        PageGen.fill(page, pos / PAGE + i, 42);
                        System.arraycopy(page, 0, chunk, i * PAGE, PAGE);
                    }
                    writeFully(ch, chunk, pos);
                }
                ch.force(true);
            }
        }

        void rewritePage(Volume v, int p) {
            v.read(ByteBuffer.wrap(page), (long) p * PAGE);
            PageGen.modify(page, rnd.nextLong());
            v.write(ByteBuffer.wrap(page), (long) p * PAGE);
            versions++;
        }

        int[] distinctPages(int n) {
            int[] all = new int[pages];
            for (int i = 0; i < pages; i++) {
                all[i] = i;
            }
            for (int i = 0; i < n; i++) {
                int j = i + rnd.nextInt(pages - i);
                int x = all[i];
                all[i] = all[j];
                all[j] = x;
            }
            return Arrays.copyOf(all, n);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Backtrack; a point's micros can run a hair ahead of the wall clock, which backtrack rejects as "future". */
    static void backtrackTo(Volume v, Instant to) {
        while (to.isAfter(Instant.now())) {
            Thread.onSpinWait();
        }
        v.backtrack(to);
    }

    static void writeFully(FileChannel ch, byte[] b, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Length of the volume head's ancestor chain (reflection on package-private fields; diagnostics only). */
    static io.strata.storage.index.Timeline headOf(Volume v) {
        try {
            Field f = Volume.class.getDeclaredField("state");
            f.setAccessible(true);
            Object state = f.get(v);
            Field h = state.getClass().getDeclaredField("head");
            h.setAccessible(true);
            return (io.strata.storage.index.Timeline) h.get(state);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the volume's timeline (diagnostics only)", e);
        }
    }

    static int depthOf(Volume v) {
        try {
            io.strata.storage.index.Timeline t = headOf(v);
            int d = 0;
            while (t.ancestor != null) {
                d++;
                t = t.ancestor;
            }
            return d;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static int timelineCount(PageStore s) {
        try {
            Field f = PageStore.class.getDeclaredField("catalog");
            f.setAccessible(true);
            Object c = f.get(s);
            Field t = c.getClass().getDeclaredField("timelines");
            t.setAccessible(true);
            return ((Map<?, ?>) t.get(c)).size();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long median(long[] xs) {
        return pct(xs, 50);
    }

    static long medianL(List<Long> xs) {
        return median(xs.stream().mapToLong(Long::longValue).toArray());
    }

    static long pct(long[] xs, int pct) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.round((s.length - 1) * pct / 100.0))];
    }

    // ---- the table ------------------------------------------------------------------------------------

    private void printTable() {
        Table t = new Table(sizes.stream().map(StorageBench::sizeName).toList());
        t.section("O(1) operations, medians (fsync=true; raw fsync of a 4 KiB append on this disk: " + fmt(global.get("fsync.append.ms"))
                + " ms at start, " + fmt(global.get("fsync.clone.ms")) + " ms during the clones, "
                + fmt(global.get("fsync.bt.ms")) + " ms before the backtracks)");
        t.row("clone (median of " + CLONES + ")", "ms", "clone.ms", "< 1 ms; largest <= 1.5x smallest*",
                v -> v < 1.0, 1.5);
        t.row("clone p90", "ms", "clone.p90.ms", "info", null, 0);
        t.row("backtrack to a point near the start", "ms", "bt.start.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
        t.row("backtrack to a point near the end", "ms", "bt.end.ms", "< 5 ms; largest <= 1.5x smallest*", v -> v < 5, 1.5);
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
        t.row("index heap per page version", "bytes", "restart.heapPerVersion", "info (PageVersions doc: 16 B)", null, 0);
        t.row("open, store after all tests (max of 3)", "ms", "restart.full.ms", "< 2000 ms at the largest size", null, 0);
        t.largestRow("restart.full.ms", v -> v < 2000);
        t.row("  index heap per page version", "bytes", "restart.full.heapPerVersion", "info", null, 0);
        t.row("  page versions", "count", "restart.full.versions", "info", null, 0);
        t.row("  timelines", "count", "restart.full.timelines", "info", null, 0);
        t.print();
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 10000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Prints figures with the sizes side by side, the largest/smallest ratio, the target and PASS/FAIL. */
    private final class Table {
        final List<String> cols;
        final List<String[]> lines = new ArrayList<>();
        int passes;
        int fails;

        Table(List<String> cols) {
            this.cols = cols;
        }

        void section(String title) {
            lines.add(new String[] {"## " + title});
        }

        /**
         * A figure per size. {@code ok} (nullable: info only) must hold for every size; if {@code maxScale} > 0 the
         * largest size's figure must also be within maxScale x the smallest's.
         */
        void row(String name, String unit, String key, String target, java.util.function.DoublePredicate ok, double maxScale) {
            List<String> cells = new ArrayList<>();
            cells.add(name);
            cells.add(unit);
            boolean pass = true;
            Double first = null;
            Double last = null;
            for (long s : sizes) {
                Double v = results.get(s).get(key);
                cells.add(v == null ? "-" : fmt(v));
                if (v != null) {
                    if (first == null) {
                        first = v;
                    }
                    last = v;
                    if (ok != null && !ok.test(v)) {
                        pass = false;
                    }
                }
            }
            String scale = first != null && last != null && first != 0 && sizes.size() > 1 ? fmt(last / first) + "x" : "";
            // Scaling check; for times, differences under 0.1 ms are timer / fsync jitter, not scaling.
            if (maxScale > 0 && first != null && last / first > maxScale && !(unit.equals("ms") && last - first < 0.1)) {
                pass = false;
            }
            cells.add(scale);
            cells.add(target);
            cells.add(verdict(ok == null && maxScale == 0 ? null : pass));
            lines.add(cells.toArray(new String[0]));
        }

        /** a/b per size; passes if a/b <= max or |a-b| < absTolMs (differences below the timer noise floor). */
        void ratioRow(String name, String a, String b, String target, double max, double absTolMs) {
            List<String> cells = new ArrayList<>();
            cells.add(name);
            cells.add("x");
            boolean pass = true;
            for (long s : sizes) {
                double va = results.get(s).get(a);
                double vb = results.get(s).get(b);
                double ratio = va / vb;
                cells.add(fmt(ratio));
                if (ratio > max && Math.abs(va - vb) >= absTolMs) {
                    pass = false;
                }
                if (1 / ratio > max && Math.abs(va - vb) >= absTolMs) {
                    pass = false;
                }
            }
            cells.add("");
            cells.add(target);
            cells.add(verdict(pass));
            lines.add(cells.toArray(new String[0]));
        }

        /** Verdict on the largest size's figure only (restart target). */
        void largestRow(String key, java.util.function.DoublePredicate ok) {
            String[] prev = lines.get(lines.size() - 1);
            double v = results.get(sizes.get(sizes.size() - 1)).get(key);
            prev[prev.length - 1] = verdict(ok.test(v));
        }

        String verdict(Boolean pass) {
            if (pass == null) {
                return "";
            }
            if (pass) {
                passes++;
            } else {
                fails++;
            }
            return pass ? "PASS" : "FAIL";
        }

        void print() {
            List<String> header = new ArrayList<>(List.of("figure", "unit"));
            header.addAll(cols);
            header.add(sizes.size() > 1 ? "largest/smallest" : "");
            header.add("target");
            header.add("result");
            int n = header.size();
            int[] w = new int[n];
            for (int i = 0; i < n; i++) {
                w[i] = header.get(i).length();
            }
            for (String[] l : lines) {
                if (l.length == n) {
                    for (int i = 0; i < n; i++) {
                        w[i] = Math.max(w[i], l[i].length());
                    }
                }
            }
            StringBuilder sb = new StringBuilder();
            sb.append("\n==== RESULTS ====\n");
            appendLine(sb, header.toArray(new String[0]), w);
            int total = Arrays.stream(w).sum() + 3 * (n - 1);
            sb.append("-".repeat(total)).append('\n');
            for (String[] l : lines) {
                if (l.length == 1) {
                    sb.append(l[0]).append('\n');
                } else {
                    appendLine(sb, l, w);
                }
            }
            sb.append("-".repeat(total)).append('\n');
            sb.append("* a time difference under 0.1 ms counts as equal (timer and fsync jitter)\n");
            sb.append(String.format("%d PASS, %d FAIL%n", passes, fails));
            System.out.print(sb);
        }

        void appendLine(StringBuilder sb, String[] cells, int[] w) {
            for (int i = 0; i < cells.length; i++) {
                boolean numeric = i >= 2 && i < 2 + cols.size() + 1;
                String c = cells[i];
                String pad = " ".repeat(Math.max(0, w[i] - c.length()));
                sb.append(numeric ? pad + c : c + pad);
                if (i < cells.length - 1) {
                    sb.append(" | ");
                }
            }
            sb.append('\n');
        }
    }
}
