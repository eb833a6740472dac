package io.strata.bench;

import io.strata.storage.PageStore;
import io.strata.storage.Volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.strata.bench.BenchUtil.medianL;
import static io.strata.bench.BenchUtil.ms;
import static io.strata.bench.BenchUtil.sizeName;
import static io.strata.bench.BenchUtil.writeFully;
import static io.strata.bench.StorageBench.COMMITS_PER_ROUND;
import static io.strata.bench.StorageBench.COMMIT_ROUNDS;
import static io.strata.bench.StorageBench.PAGE;

/** The commit phase of the storage benchmark: Strata's write+mark() against FileChannel with the same sync pattern. */
final class CommitBench {
    private CommitBench() {
    }

    /**
     * Engine-commit pattern: 3 or 4 pages (each the current image with ~100 bytes changed) then mark(), vs the
     * same bytes written with FileChannel at the same page offsets of a preallocated file + force(false), and
     * appended to a growing file + force(false). Rounds alternate so disk state drifts evenly.
     */
    static void measure(SizeRun run) throws IOException {
        SplittableRandom rnd = run.rnd;
        int pages = run.pages;
        Volume db = run.db;
        PageStore store = run.store;
        Map<String, Double> r = run.r;
        long size = run.size;
        Path inPlaceFile = run.dir.resolve("baseline-inplace.dat");
        Path appendFile = run.dir.resolve("baseline-append.dat");
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
                run.versions += roundPages;
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
}
