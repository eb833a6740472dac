package io.strata.storage.index;

import io.strata.storage.log.Loc;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per timeline: where each page not written on the timeline itself was found in its ancestors (a packed
 * location, {@link Loc#ZERO} for never written). The ancestor's state at the branch lsn never changes, so an
 * entry stays right until GC moves records ({@link #clear}). Chunked like {@link PageTable}, so it costs in
 * proportion to the pages actually read. Lookups are lock-free: a slot is 0 (unknown) or right.
 *
 * <p>Invariant: an entry never outlives a {@link #clear}. A reader resolves a location, then {@link #put}s it
 * with the {@link #generation} it read before resolving; {@code clear} (after GC has moved records and updated
 * the page tables) bumps the generation, so a location resolved before the move is not cached after it.
 */
final class InheritedCache {
    private volatile AtomicLongArray[] chunks = new AtomicLongArray[0];
    private volatile long generation;

    long get(long page) {
        AtomicLongArray[] cs = chunks;
        long c = page >>> PageTable.SHIFT;
        if (c >= cs.length || cs[(int) c] == null) {
            return Loc.NONE;
        }
        return cs[(int) c].get((int) page & (PageTable.CHUNK - 1));
    }

    /** Read before resolving a location that will be {@link #put}. */
    long generation() {
        return generation;
    }

    /** Caches {@code loc} for {@code page} unless the cache was cleared since {@code resolvedAt} was read. */
    synchronized void put(long page, long loc, long resolvedAt) {
        if (resolvedAt != generation) {
            return;
        }
        int c = (int) (page >>> PageTable.SHIFT);
        AtomicLongArray[] cs = chunks;
        if (c >= cs.length) {
            cs = java.util.Arrays.copyOf(cs, Math.max(c + 1, cs.length * 2));
        }
        if (cs[c] == null) {
            cs[c] = new AtomicLongArray(PageTable.CHUNK);
        }
        chunks = cs;
        cs[c].set((int) page & (PageTable.CHUNK - 1), loc == Loc.NONE ? Loc.ZERO : loc);
    }

    synchronized void clear() {
        generation++;
        chunks = new AtomicLongArray[0];
    }
}
