package io.strata.crash;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The expected state of one volume after each generation: for every page, the generation that last wrote it
 * (the bytes follow from {@link Content#page}), and the size in pages. Generation 0 is the empty volume.
 * A generation either applies its {@link Content#plan} on top of a base generation, or (a backtrack) takes
 * the state of an earlier generation unchanged.
 */
final class VolumeModel {
    /** Per page, the generation that last wrote it, -1 if never written; size in whole pages. */
    record State(long[] pageGen, int sizePages) {
    }

    private final long seed;
    final String volume;
    private final Map<Long, State> states = new HashMap<>();

    VolumeModel(long seed, String volume) {
        this.seed = seed;
        this.volume = volume;
        long[] none = new long[Content.PAGES];
        Arrays.fill(none, -1);
        states.put(0L, new State(none, 0));
    }

    boolean has(long gen) {
        return states.containsKey(gen);
    }

    State state(long gen) {
        State s = states.get(gen);
        if (s == null) {
            throw new IllegalStateException(volume + " has no modelled generation " + gen);
        }
        return s;
    }

    /** Defines {@code gen} as {@code base} plus the writes of {@code gen}'s plan. */
    void defineWrite(long gen, long base) {
        State b = state(base);
        long[] pages = b.pageGen().clone();
        int size = b.sizePages();
        for (Content.Run run : Content.plan(seed, volume, gen)) {
            for (int p = run.first(); p < run.first() + run.count(); p++) {
                pages[p] = gen;
            }
            size = Math.max(size, run.first() + run.count());
        }
        states.put(gen, new State(pages, size));
    }

    /** Defines {@code gen} as the unchanged state of {@code target} (a backtrack). */
    void defineCopy(long gen, long target) {
        states.put(gen, state(target));
    }

    /** The expected image of page {@code p} in state {@code s}. */
    byte[] expectedPage(State s, int p) {
        long g = s.pageGen()[p];
        return g < 0 ? new byte[Content.PAGE] : Content.page(seed, volume, p, g);
    }

    /**
     * Compares what {@code read} returns with state {@code gen}; null if equal, else what differs.
     * {@code read} has FileChannel semantics (Volume.read / VolumeView.read).
     */
    String diff(long gen, LongSupplier size, BiFunction<ByteBuffer, Long, Integer> read) {
        State s = state(gen);
        long expectedSize = (long) s.sizePages() * Content.PAGE;
        if (size.getAsLong() != expectedSize) {
            return volume + "@gen" + gen + ": size " + size.getAsLong() + ", expected " + expectedSize;
        }
        ByteBuffer buf = ByteBuffer.allocate(Content.PAGE);
        for (int p = 0; p < s.sizePages(); p++) {
            buf.clear();
            int n = read.apply(buf, (long) p * Content.PAGE);
            if (n != Content.PAGE || !Arrays.equals(buf.array(), expectedPage(s, p))) {
                return volume + "@gen" + gen + ": page " + p + " differs (read " + n + " bytes, tag "
                        + describe(buf.array()) + ", expected " + describe(expectedPage(s, p)) + ")";
            }
        }
        return null;
    }

    private static String describe(byte[] page) {
        ByteBuffer b = ByteBuffer.wrap(page);
        if (b.getInt(0) == 0x5354524B) {
            return "page " + b.getInt(4) + " gen " + b.getLong(8);
        }
        return Arrays.equals(page, new byte[page.length]) ? "zeros" : "untagged";
    }
}
