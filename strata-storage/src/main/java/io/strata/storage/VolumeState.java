package io.strata.storage;

import io.strata.storage.index.Timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the catalog knows about one volume. Mutated only by {@link Catalog#apply} (so runtime and
 * recovery agree) and by GC point expiry; readers take {@link Catalog}'s monitor for the lists.
 */
final class VolumeState {
    /** One retained point: its timeline and lsn, and the wall-clock micros it was marked at. */
    record PointEntry(Timeline timeline, long lsn, long micros) {
    }

    final VolumeId id;
    final String name;
    final long createdMicros;
    volatile long retentionMillis;
    volatile Timeline head;
    volatile boolean deleted;
    /** Ordered by lsn and by micros alike: the store's clock and lsns both only move forward. */
    final List<PointEntry> points = new ArrayList<>();
    final TreeSet<Long> pins = new TreeSet<>();
    final List<Backtrack> backtracks = new ArrayList<>();
    /**
     * Serialises writes, points and backtracks of this volume: a timeline has one writer, so its versions
     * arrive in lsn order, and a backtrack never races a write into the timeline it abandons.
     */
    final ReentrantLock writer = new ReentrantLock();

    VolumeState(VolumeId id, String name, long retentionMillis, Timeline head, long createdMicros) {
        this.id = id;
        this.name = name;
        this.retentionMillis = retentionMillis;
        this.head = head;
        this.createdMicros = createdMicros;
    }

    /** Caller holds the catalog's monitor. */
    PointEntry latestPoint() {
        return points.get(points.size() - 1);
    }

    /** The last point marked at or before {@code micros}, or null. */
    PointEntry pointAtOrBefore(long micros) {
        PointEntry found = null;
        int lo = 0;
        int hi = points.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).micros() <= micros) {
                found = points.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    PointEntry pointWithLsn(long lsn) {
        int lo = 0;
        int hi = points.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long l = points.get(mid).lsn();
            if (l == lsn) {
                return points.get(mid);
            } else if (l < lsn) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }
}
