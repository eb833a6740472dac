package io.strata.storage.index;

import io.strata.storage.TimelineId;
import io.strata.storage.VolumeId;
import io.strata.storage.log.Loc;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A timeline: the append-only history of page versions written by one volume from its start, optionally
 * branched from an ancestor timeline at an lsn. Clone, point-in-time restore and backtrack all make a new
 * timeline whose ancestor is {@code (timeline, lsn)} of the state they start from; nothing is copied.
 *
 * <p>A read of page p as of lsn L ({@code L >= startLsn}) takes p's last version at or before L on this
 * timeline; if there is none it falls through to the ancestor as of {@link #ancestorLsn}. The ancestor's
 * state at that lsn never changes, so the fall-through result is cached per page ({@link #inherited}):
 * a read costs the same at clone depth 100 as at depth 0 once the page has been read once.
 *
 * <p>Invariants: versions of one page are sorted by lsn; every version's lsn is greater than
 * {@link #ancestorLsn}; the ancestor's state as of {@link #ancestorLsn} stays readable while this timeline
 * is alive (GC counts it as a read point). Concurrency: {@link #lock} guards pages and sizes; the cache is
 * lock-free (a stale empty slot only costs a fall-through).
 */
public final class Timeline {
    private static final long CACHED_ZERO = Loc.ZERO;

    public final TimelineId id;
    public final VolumeId volume;
    public final Timeline ancestor;
    public final long ancestorLsn;
    public final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private PageVersions[] pages = new PageVersions[16];
    private long[] sizeLsns = new long[4];
    private long[] sizes = new long[4];
    private int nSizes;
    private volatile AtomicLongArray inherited = new AtomicLongArray(0);

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
        int p = Math.toIntExact(page);
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        PageVersions v = pages[p];
        if (v == null) {
            v = pages[p] = new PageVersions();
        }
        v.add(lsn, loc);
    }

    public void setSize(long lsn, long size) {
        if (nSizes > 0 && sizes[nSizes - 1] == size) {
            return;
        }
        if (nSizes > 0 && sizeLsns[nSizes - 1] == lsn) {
            sizes[nSizes - 1] = size;
            return;
        }
        if (nSizes == sizes.length) {
            sizes = Arrays.copyOf(sizes, nSizes * 2);
            sizeLsns = Arrays.copyOf(sizeLsns, nSizes * 2);
        }
        sizeLsns[nSizes] = lsn;
        sizes[nSizes] = size;
        nSizes++;
    }

    public boolean relocate(long page, long lsn, long loc) {
        PageVersions v = page < pages.length ? pages[(int) page] : null;
        return v != null && v.relocate(lsn, loc);
    }

    /** Drops every version and size change after {@code lsn} (recovery: unpointed writes were never acknowledged). */
    public void discardAfter(long lsn) {
        for (PageVersions v : pages) {
            if (v != null) {
                v.retainIf(i -> v.lsns[(int) i] <= lsn);
            }
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
            int i = nSizes - 1;
            while (i > 0 && sizeLsns[i] > lsn) {
                i--;
            }
            return sizes[i];
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
        AtomicLongArray cache = inherited;
        if (page < cache.length()) {
            long c = cache.get((int) page);
            if (c != Loc.NONE) {
                return c;
            }
        }
        long r = ancestor.resolve(page, ancestorLsn);
        remember(page, r);
        return r;
    }

    private long own(long page, long lsn) {
        lock.readLock().lock();
        try {
            PageVersions v = page < pages.length ? pages[(int) page] : null;
            if (v == null) {
                return Loc.NONE;
            }
            int i = v.floor(lsn);
            return i < 0 ? Loc.NONE : v.locs[i];
        } finally {
            lock.readLock().unlock();
        }
    }

    private void remember(long page, long loc) {
        AtomicLongArray cache = inherited;
        if (page >= cache.length()) {
            synchronized (this) {
                cache = inherited;
                if (page >= cache.length()) {
                    AtomicLongArray bigger = new AtomicLongArray((int) Math.max(page + 1, cache.length() * 2L));
                    for (int i = 0; i < cache.length(); i++) {
                        bigger.set(i, cache.get(i));
                    }
                    inherited = bigger;
                    cache = bigger;
                }
            }
        }
        cache.set((int) page, loc == Loc.NONE ? CACHED_ZERO : loc);
    }

    /** Forgets cached fall-through locations (GC moved records). */
    public void clearInheritedCache() {
        inherited = new AtomicLongArray(0);
    }

    // ---- whole-table access for GC, checkpoints and accounting (caller holds the lock) ----

    public int pageSlots() {
        return pages.length;
    }

    public int versionCount(int page) {
        PageVersions v = pages[page];
        return v == null ? 0 : v.n;
    }

    public long versionLsn(int page, int i) {
        return pages[page].lsns[i];
    }

    public long versionLoc(int page, int i) {
        return pages[page].locs[i];
    }

    /** Keeps the versions of {@code page} whose index passes {@code keep}; returns how many were dropped. */
    public int retainVersions(int page, java.util.function.LongPredicate keep) {
        PageVersions v = pages[page];
        return v == null ? 0 : v.retainIf(keep);
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
        if (nSizes == sizes.length) {
            sizes = Arrays.copyOf(sizes, nSizes * 2);
            sizeLsns = Arrays.copyOf(sizeLsns, nSizes * 2);
        }
        sizeLsns[nSizes] = lsn;
        sizes[nSizes] = size;
        nSizes++;
    }
}
