package io.strata.storage.index;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * The versions of one page on one timeline: parallel arrays of lsn and packed location, sorted by lsn.
 * Memory: 16 bytes per version plus one small object per page that has any. Not thread-safe: the owning
 * {@link Timeline}'s lock guards it.
 */
final class PageVersions {
    long[] lsns;
    long[] locs;
    int n;

    PageVersions() {
        lsns = new long[2];
        locs = new long[2];
    }

    /** Appends a version; {@code lsn} is not below the last one (one writer per timeline, in lsn order). */
    void add(long lsn, long loc) {
        if (n > 0 && lsns[n - 1] == lsn) {
            locs[n - 1] = loc;
            return;
        }
        if (n > 0 && lsns[n - 1] > lsn) {
            insertSorted(lsn, loc);
            return;
        }
        if (n == lsns.length) {
            grow();
        }
        lsns[n] = lsn;
        locs[n] = loc;
        n++;
    }

    private void insertSorted(long lsn, long loc) {
        int i = Arrays.binarySearch(lsns, 0, n, lsn);
        if (i >= 0) {
            locs[i] = loc;
            return;
        }
        int at = -i - 1;
        if (n == lsns.length) {
            grow();
        }
        System.arraycopy(lsns, at, lsns, at + 1, n - at);
        System.arraycopy(locs, at, locs, at + 1, n - at);
        lsns[at] = lsn;
        locs[at] = loc;
        n++;
    }

    private void grow() {
        int cap = Math.max(4, lsns.length + (lsns.length >> 1));
        lsns = Arrays.copyOf(lsns, cap);
        locs = Arrays.copyOf(locs, cap);
    }

    /** Index of the last version at or before {@code lsn}, or -1. */
    int floor(long lsn) {
        if (n == 0 || lsns[0] > lsn) {
            return -1;
        }
        if (lsns[n - 1] <= lsn) {
            return n - 1;
        }
        int i = Arrays.binarySearch(lsns, 0, n, lsn);
        return i >= 0 ? i : -i - 2;
    }

    /** Replaces the location of the version with exactly {@code lsn}; false if there is none (already reclaimed). */
    boolean relocate(long lsn, long loc) {
        int i = Arrays.binarySearch(lsns, 0, n, lsn);
        if (i < 0) {
            return false;
        }
        locs[i] = loc;
        return true;
    }

    /** Keeps only versions whose index passes {@code keep}; returns how many were dropped. */
    int retainIf(LongPredicate keepIndex) {
        int w = 0;
        for (int r = 0; r < n; r++) {
            if (keepIndex.test(r)) {
                lsns[w] = lsns[r];
                locs[w] = locs[r];
                w++;
            }
        }
        int dropped = n - w;
        n = w;
        return dropped;
    }
}
