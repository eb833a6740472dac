package io.strata.crash;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic volume content for the crash tests: what a "generation" writes, and the bytes of each page,
 * are pure functions of {@code (seed, volume, page, generation)}, so a parent process can recompute exactly
 * what a killed child wrote without being told the bytes.
 *
 * <p>A generation writes 1-3 contiguous runs of 1-3 whole pages within the first {@link #PAGES} pages. Page
 * images are a mix of all-zero pages (stored as a zero-page flag), incompressible random pages (stored raw)
 * and patterned pages (stored LZ4-compressed), so every payload encoding is exercised.
 */
final class Content {
    /** Page size of the store (PageCodec.PAGE, package-private there). */
    static final int PAGE = 4096;
    /** Pages a volume may use: small, so a full read of one point is cheap. */
    static final int PAGES = 16;

    private Content() {
    }

    /** One write of a generation: {@code count} whole pages starting at page {@code first}. */
    record Run(int first, int count) {
    }

    /** The runs generation {@code gen} of {@code volume} writes, in order. */
    static List<Run> plan(long seed, String volume, long gen) {
        SplittableRandom r = new SplittableRandom(mix(seed, volume.hashCode(), -1, gen));
        int n = 1 + r.nextInt(3);
        List<Run> runs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int count = 1 + r.nextInt(3);
            runs.add(new Run(r.nextInt(PAGES - count + 1), count));
        }
        return runs;
    }

    /** The image of {@code page} as written by generation {@code gen} of {@code volume}. */
    static byte[] page(long seed, String volume, int page, long gen) {
        byte[] b = new byte[PAGE];
        long h = mix(seed, volume.hashCode(), page, gen);
        int kind = (int) Math.floorMod(h, 8);
        if (kind == 0) {
            return b; // all zeros
        }
        SplittableRandom r = new SplittableRandom(h);
        if (kind <= 2) {
            r.nextBytes(b); // incompressible: stored raw
        } else {
            byte[] motif = new byte[8 + r.nextInt(24)];
            r.nextBytes(motif);
            for (int i = 0; i < PAGE; i++) {
                b[i] = motif[i % motif.length];
            }
        }
        // A readable tag, so a mismatch says which version was read.
        ByteBuffer.wrap(b).putInt(0x5354524B).putInt(page).putLong(gen);
        return b;
    }

    /** The bytes one run of a generation writes. */
    static ByteBuffer runBytes(long seed, String volume, Run run, long gen) {
        ByteBuffer buf = ByteBuffer.allocate(run.count() * PAGE);
        for (int i = 0; i < run.count(); i++) {
            buf.put(page(seed, volume, run.first() + i, gen));
        }
        return buf.flip();
    }

    static long mix(long seed, long a, long b, long c) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long x : new long[] {a, b, c}) {
            h ^= x + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
