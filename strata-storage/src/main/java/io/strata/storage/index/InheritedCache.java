package io.strata.storage.index;

import io.strata.storage.log.Loc;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per timeline: where each page not written on the timeline itself was found in its ancestors (a packed
 * location, {@link Loc#ZERO} for never written). The ancestor's state at the branch lsn never changes, so an
 * entry stays right until GC moves records ({@link #clear}). Chunked like {@link PageTable}, so it costs in
 * proportion to the pages actually read. Lock-free: a slot is 0 (unknown) or right.
 */
final class InheritedCache {
    private volatile AtomicLongArray[] chunks = new AtomicLongArray[0];

    long get(long page) {
        AtomicLongArray[] cs = chunks;
        long c = page >>> PageTable.SHIFT;
        if (c >= cs.length || cs[(int) c] == null) {
            return Loc.NONE;
        }
        return cs[(int) c].get((int) page & (PageTable.CHUNK - 1));
    }

    void put(long page, long loc) {
        int c = (int) (page >>> PageTable.SHIFT);
        AtomicLongArray[] cs = chunks;
        if (c >= cs.length || cs[c] == null) {
            synchronized (this) {
                cs = chunks;
                if (c >= cs.length) {
                    cs = java.util.Arrays.copyOf(cs, Math.max(c + 1, cs.length * 2));
                }
                if (cs[c] == null) {
                    cs[c] = new AtomicLongArray(PageTable.CHUNK);
                }
                chunks = cs;
            }
        }
        cs[c].set((int) page & (PageTable.CHUNK - 1), loc == Loc.NONE ? Loc.ZERO : loc);
    }

    void clear() {
        synchronized (this) {
            chunks = new AtomicLongArray[0];
        }
    }
}
