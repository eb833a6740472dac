package io.strata.storage.index;

import io.strata.storage.log.Loc;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * The sparse page index of one timeline: page number -> versions (lsn, packed location), sorted by lsn.
 *
 * <p>Pages are grouped in chunks of {@value #CHUNK}, allocated on the first write into them, so a clone that
 * writes a few pages of a large volume pays for a few chunks, not for the whole volume. Within a chunk a
 * page's first version lives in two primitive arrays (16 bytes, no object); a page with more versions keeps
 * all of them in a {@link PageVersions}. Lsn 0 marks an empty slot (lsns start at 1).
 *
 * <p>Memory: 20 bytes per page slot of each touched chunk, plus 16 bytes per further version. Not
 * thread-safe: the owning {@link Timeline}'s lock guards it.
 */
final class PageTable {
    static final int SHIFT = 10;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private static final class Chunk {
        final long[] lsn = new long[CHUNK];
        final long[] loc = new long[CHUNK];
        PageVersions[] more;
    }

    private Chunk[] chunks = new Chunk[1];

    void put(long page, long lsn, long loc) {
        int p = Math.toIntExact(page);
        int c = p >>> SHIFT;
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        Chunk k = chunks[c];
        if (k == null) {
            k = chunks[c] = new Chunk();
        }
        int i = p & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        if (v != null) {
            v.add(lsn, loc);
        } else if (k.lsn[i] == 0 || k.lsn[i] == lsn) {
            k.lsn[i] = lsn;
            k.loc[i] = loc;
        } else {
            if (k.more == null) {
                k.more = new PageVersions[CHUNK];
            }
            v = k.more[i] = new PageVersions();
            v.add(k.lsn[i], k.loc[i]);
            v.add(lsn, loc);
            k.lsn[i] = 0;
        }
    }

    /** Location of the page's last version at or before {@code lsn}, or {@link Loc#NONE}. */
    long floor(long page, long lsn) {
        Chunk k = chunk(page);
        if (k == null) {
            return Loc.NONE;
        }
        int i = (int) page & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        if (v == null) {
            long l = k.lsn[i];
            return l != 0 && l <= lsn ? k.loc[i] : Loc.NONE;
        }
        int j = v.floor(lsn);
        return j < 0 ? Loc.NONE : v.locs[j];
    }

    boolean relocate(long page, long lsn, long loc) {
        Chunk k = chunk(page);
        if (k == null) {
            return false;
        }
        int i = (int) page & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        if (v != null) {
            return v.relocate(lsn, loc);
        }
        if (k.lsn[i] == lsn) {
            k.loc[i] = loc;
            return true;
        }
        return false;
    }

    /** One past the highest page number that could have a version. */
    int slots() {
        return chunks.length << SHIFT;
    }

    int count(int page) {
        Chunk k = chunk(page);
        if (k == null) {
            return 0;
        }
        int i = page & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        return v != null ? v.n : k.lsn[i] != 0 ? 1 : 0;
    }

    long lsnAt(int page, int j) {
        Chunk k = chunks[page >>> SHIFT];
        int i = page & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        return v != null ? v.lsns[j] : k.lsn[i];
    }

    long locAt(int page, int j) {
        Chunk k = chunks[page >>> SHIFT];
        int i = page & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        return v != null ? v.locs[j] : k.loc[i];
    }

    /** Keeps the versions of {@code page} whose index passes {@code keep}; returns how many were dropped. */
    int retain(int page, LongPredicate keep) {
        Chunk k = chunk(page);
        if (k == null) {
            return 0;
        }
        int i = page & MASK;
        PageVersions v = k.more == null ? null : k.more[i];
        if (v == null) {
            if (k.lsn[i] != 0 && !keep.test(0)) {
                k.lsn[i] = 0;
                k.loc[i] = 0;
                return 1;
            }
            return 0;
        }
        int dropped = v.retainIf(keep);
        if (v.n <= 1) {
            // Back to the compact form: one version needs no object.
            k.lsn[i] = v.n == 1 ? v.lsns[0] : 0;
            k.loc[i] = v.n == 1 ? v.locs[0] : 0;
            k.more[i] = null;
        }
        return dropped;
    }

    /** True if no page of chunk {@code c} was ever written: callers iterating all pages skip it whole. */
    boolean chunkEmpty(int c) {
        return c >= chunks.length || chunks[c] == null;
    }

    private Chunk chunk(long page) {
        long c = page >>> SHIFT;
        return c < chunks.length ? chunks[(int) c] : null;
    }
}
