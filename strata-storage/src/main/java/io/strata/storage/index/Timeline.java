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
 * lock-free (a stale empty slot only costs a fall-through). Memory: 20 bytes per page slot for a page's
 * first version, then 16 bytes per further version (plus one {@link PageVersions} object per such page).
 */
public final class Timeline {
    private static final long CACHED_ZERO = Loc.ZERO;

    public final TimelineId id;
    public final VolumeId volume;
    public final Timeline ancestor;
    public final long ancestorLsn;
    public final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /*
     * The page index. A page with one version keeps it in firstLsn/firstLoc (16 bytes, no object); a page
     * with more keeps all of them in more[page]. firstLsn 0 means no version (lsns start at 1).
     */
    private long[] firstLsn = new long[16];
    private long[] firstLoc = new long[16];
    private PageVersions[] more = new PageVersions[16];
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
        if (p >= firstLsn.length) {
            int cap = Math.max(p + 1, firstLsn.length * 2);
            firstLsn = Arrays.copyOf(firstLsn, cap);
            firstLoc = Arrays.copyOf(firstLoc, cap);
            more = Arrays.copyOf(more, cap);
        }
        PageVersions v = more[p];
        if (v != null) {
            v.add(lsn, loc);
        } else if (firstLsn[p] == 0 || firstLsn[p] == lsn) {
            firstLsn[p] = lsn;
            firstLoc[p] = loc;
        } else {
            v = more[p] = new PageVersions();
            v.add(firstLsn[p], firstLoc[p]);
            v.add(lsn, loc);
            firstLsn[p] = 0;
        }
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
        if (page >= firstLsn.length) {
            return false;
        }
        int p = (int) page;
        if (more[p] != null) {
            return more[p].relocate(lsn, loc);
        }
        if (firstLsn[p] == lsn) {
            firstLoc[p] = loc;
            return true;
        }
        return false;
    }

    /** Drops every version and size change after {@code lsn} (recovery: unpointed writes were never acknowledged). */
    public void discardAfter(long lsn) {
        for (int p = 0; p < firstLsn.length; p++) {
            final int page = p;
            retainVersions(page, i -> versionLsn(page, (int) i) <= lsn);
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
            if (page >= firstLsn.length) {
                return Loc.NONE;
            }
            int p = (int) page;
            PageVersions v = more[p];
            if (v == null) {
                long l = firstLsn[p];
                return l != 0 && l <= lsn ? firstLoc[p] : Loc.NONE;
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
        return firstLsn.length;
    }

    public int versionCount(int page) {
        PageVersions v = more[page];
        return v != null ? v.n : firstLsn[page] != 0 ? 1 : 0;
    }

    public long versionLsn(int page, int i) {
        PageVersions v = more[page];
        return v != null ? v.lsns[i] : firstLsn[page];
    }

    public long versionLoc(int page, int i) {
        PageVersions v = more[page];
        return v != null ? v.locs[i] : firstLoc[page];
    }

    /** Keeps the versions of {@code page} whose index passes {@code keep}; returns how many were dropped. */
    public int retainVersions(int page, java.util.function.LongPredicate keep) {
        PageVersions v = more[page];
        if (v == null) {
            if (firstLsn[page] != 0 && !keep.test(0)) {
                firstLsn[page] = 0;
                firstLoc[page] = 0;
                return 1;
            }
            return 0;
        }
        int dropped = v.retainIf(keep);
        if (v.n <= 1) {
            // Back to the compact form: one version needs no object.
            firstLsn[page] = v.n == 1 ? v.lsns[0] : 0;
            firstLoc[page] = v.n == 1 ? v.locs[0] : 0;
            more[page] = null;
        }
        return dropped;
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
