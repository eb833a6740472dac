package io.strata.storage.index;

import io.strata.storage.TimelineId;
import io.strata.storage.VolumeId;
import io.strata.storage.log.Loc;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A timeline: the append-only history of page versions written by one volume from its start, optionally
 * branched from an ancestor timeline at an lsn. Clone, point-in-time restore and backtrack all make a new
 * timeline whose ancestor is {@code (timeline, lsn)} of the state they start from; nothing is copied.
 *
 * <p>A read of page p as of lsn L ({@code L >= startLsn}) takes p's last version at or before L on this
 * timeline; if there is none it falls through to the ancestor as of {@link #ancestorLsn}. The ancestor's
 * state at that lsn never changes, so the fall-through result is cached per page ({@link InheritedCache}):
 * a read costs the same at clone depth 100 as at depth 0 once the page has been read once.
 *
 * <p>Invariants: versions of one page are sorted by lsn; every version's lsn is greater than
 * {@link #ancestorLsn}; the ancestor's state as of {@link #ancestorLsn} stays readable while this timeline
 * is alive (GC counts it as a read point). Concurrency: {@link #lock} guards pages and sizes; the cache is
 * lock-free (a stale empty slot only costs a fall-through). Memory: see {@link PageTable}.
 */
public final class Timeline {
    public final TimelineId id;
    public final VolumeId volume;
    public final Timeline ancestor;
    public final long ancestorLsn;
    public final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final PageTable pages = new PageTable();
    private long[] sizeLsns = new long[4];
    private long[] sizes = new long[4];
    private int nSizes;
    private final InheritedCache inherited = new InheritedCache();

    public Timeline(TimelineId id, VolumeId volume, Timeline ancestor, long ancestorLsn) {
        this.id = id;
        this.volume = volume;
        this.ancestor = ancestor;
        this.ancestorLsn = ancestorLsn;
        long initialSize = ancestor == null ? 0 : ancestor.sizeAt(ancestorLsn);
        setSize(ancestorLsn, initialSize);
    }

    // ---- writes (caller holds lock.writeLock()) ----

    public void put(long page, long lsn, long loc) {
        pages.put(page, lsn, loc);
    }

    public void setSize(long lsn, long size) {
        if (nSizes > 0 && sizes[nSizes - 1] == size) {
            return;
        }
        if (nSizes > 0 && sizeLsns[nSizes - 1] == lsn) {
            sizes[nSizes - 1] = size;
            return;
        }
        appendSize(lsn, size);
    }

    private void appendSize(long lsn, long size) {
        if (nSizes == sizes.length) {
            sizes = Arrays.copyOf(sizes, nSizes * 2);
            sizeLsns = Arrays.copyOf(sizeLsns, nSizes * 2);
        }
        sizeLsns[nSizes] = lsn;
        sizes[nSizes] = size;
        nSizes++;
    }

    public boolean relocate(long page, long lsn, long loc) {
        return pages.relocate(page, lsn, loc);
    }

    /** Drops every version and size change after {@code lsn} (recovery: unpointed writes were never acknowledged). */
    public void discardAfter(long lsn) {
        for (int p = 0; p < pages.slots(); p++) {
            if (pages.chunkEmpty(p >>> PageTable.SHIFT)) {
                p += PageTable.CHUNK - 1;
                continue;
            }
            final int page = p;
            pages.retain(page, i -> pages.lsnAt(page, (int) i) <= lsn);
        }
        while (nSizes > 1 && sizeLsns[nSizes - 1] > lsn) {
            nSizes--;
        }
    }

    // ---- reads ----

    /** Size of the timeline's volume as of {@code lsn}. */
    public long sizeAt(long lsn) {
        lock.readLock().lock();
        try {
            // sizeLsns is sorted and distinct: binary search, so an old point of a large volume costs log n.
            int i = Arrays.binarySearch(sizeLsns, 0, nSizes, lsn);
            return sizes[Math.max(0, i >= 0 ? i : -i - 2)];
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Location of page {@code page} as of {@code lsn}, following ancestors; {@link Loc#ZERO} if it reads as zeros.
     * {@code lsn} must be at or after this timeline's start (reads of ancestors go through their branch lsn).
     */
    public long resolve(long page, long lsn) {
        long own = own(page, lsn);
        if (own != Loc.NONE) {
            return own;
        }
        if (ancestor == null) {
            return Loc.ZERO;
        }
        long cached = inherited.get(page);
        if (cached != Loc.NONE) {
            return cached;
        }
        long generation = inherited.generation();
        // Walk the ancestors without caching at each level (memory stays with the timeline being read), but
        // use an ancestor's own cache where it has one: it answers exactly the rest of this walk.
        long found = Loc.ZERO;
        long at = ancestorLsn;
        for (Timeline t = ancestor; t != null; at = t.ancestorLsn, t = t.ancestor) {
            long o = t.own(page, at);
            if (o == Loc.NONE && t.ancestor != null) {
                o = t.inherited.get(page);
            }
            if (o != Loc.NONE) {
                found = o;
                break;
            }
        }
        inherited.put(page, found, generation);
        return found;
    }

    private long own(long page, long lsn) {
        lock.readLock().lock();
        try {
            return pages.floor(page, lsn);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Forgets cached fall-through locations (GC moved records). */
    public void clearInheritedCache() {
        inherited.clear();
    }

    // ---- whole-table access for GC, checkpoints and accounting (caller holds the lock) ----

    public int pageSlots() {
        return pages.slots();
    }

    /** True if pages [p, p + {@link #CHUNK}) with p a multiple of it were never written: iterate past them. */
    public boolean chunkEmpty(int page) {
        return pages.chunkEmpty(page >>> PageTable.SHIFT);
    }

    public static final int CHUNK = PageTable.CHUNK;

    public int versionCount(int page) {
        return pages.count(page);
    }

    public long versionLsn(int page, int i) {
        return pages.lsnAt(page, i);
    }

    public long versionLoc(int page, int i) {
        return pages.locAt(page, i);
    }

    /** Keeps the versions of {@code page} whose index passes {@code keep}; returns how many were dropped. */
    public int retainVersions(int page, java.util.function.LongPredicate keep) {
        return pages.retain(page, keep);
    }

    public int sizeChanges() {
        return nSizes;
    }

    public long sizeChangeLsn(int i) {
        return sizeLsns[i];
    }

    public long sizeChangeValue(int i) {
        return sizes[i];
    }

    /** Restores a size history entry (all but the first, which the constructor derives) from a checkpoint. */
    public void loadSize(long lsn, long size) {
        appendSize(lsn, size);
    }
}
