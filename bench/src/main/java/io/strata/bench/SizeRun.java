package io.strata.bench;

import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.SpaceUsage;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import io.strata.storage.VolumeView;
import io.strata.storage.log.LogRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static io.strata.bench.BenchUtil.MiB;
import static io.strata.bench.BenchUtil.backtrackTo;
import static io.strata.bench.BenchUtil.depthOf;
import static io.strata.bench.BenchUtil.fileSize;
import static io.strata.bench.BenchUtil.headOf;
import static io.strata.bench.BenchUtil.median;
import static io.strata.bench.BenchUtil.ms;
import static io.strata.bench.BenchUtil.sizeName;
import static io.strata.bench.BenchUtil.timelineCount;
import static io.strata.bench.BenchUtil.usedHeapAfterGc;
import static io.strata.bench.BenchUtil.writeFully;
import static io.strata.bench.StorageBench.BACKTRACKS;
import static io.strata.bench.StorageBench.DEPTH;
import static io.strata.bench.StorageBench.LOAD_BATCH_PAGES;
import static io.strata.bench.StorageBench.PAGE;
import static io.strata.bench.StorageBench.READS;

/** All measurements for one volume size, in one store. */
final class SizeRun {
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
                        + "ratio %.2fx incl. " + LogRecord.HEADER + "-byte record headers, %d points%n", sizeName(size), sizeName(size), secs,
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
        // A real restart is a new process: once more in a fresh JVM (cold JIT), the store closed meanwhile.
        store.close();
        double fresh = OpenOnce.inFreshJvm(dir);
        store = PageStore.open(dir, options());
        db = store.volume("db").orElseThrow();
        r.put(key + ".freshJvm.ms", fresh);
        long ckpt = fileSize(dir.resolve("checkpoint"));
        int timelines = timelineCount(store);
        r.put(key + ".ms", ms(Arrays.stream(times).max().getAsLong()));
        r.put(key + ".heapPerVersion", heapPerVersion);
        r.put(key + ".versions", (double) versions);
        r.put(key + ".timelines", (double) timelines);
        System.out.printf("   %-7s %s%s: PageStore.open %s ms (3 runs; max %.1f), in a fresh JVM %.1f ms, checkpoint %.1f MiB, log %.1f MiB, "
                        + "index heap %.1f MiB for %d page versions in %d timelines = %.1f B/version%n",
                sizeName(size), key, clean ? " (store with the loaded volume only)" : " (store after all tests, with clones and history)",
                Arrays.toString(Arrays.stream(times).mapToObj(x -> String.format(Locale.ROOT, "%.1f", ms(x))).toArray()),
                ms(Arrays.stream(times).max().getAsLong()), fresh, ckpt / (double) MiB, store.diskBytes() / (double) MiB,
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
