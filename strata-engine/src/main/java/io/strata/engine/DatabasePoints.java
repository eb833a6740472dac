package io.strata.engine;

import io.strata.engine.h2.StoreHeader;
import io.strata.storage.Lsn;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeView;
import java.util.List;

/**
 * Which points of a volume hold a database H2 can open. A point taken while the database was being
 * created is not one (H2 fails with error 90028 on it); {@link Database} stages creation in memory and
 * lands it with one write, so every point at which the volume holds a valid store header is openable,
 * and every point before the first such point is not.
 */
final class DatabasePoints {

    private DatabasePoints() {
    }

    /** Whether the volume's state at {@code lsn} holds a fully created database. */
    static boolean holdsDatabase(Volume volume, Lsn lsn) {
        try (VolumeView view = volume.openView(lsn)) {
            return StoreHeader.read(view).isPresent();
        }
    }

    /**
     * The first point of {@code volume} that holds a database, or {@code fallback} if none does.
     * Binary search: once created, the database stays present at every later point.
     */
    static Point firstHoldingDatabase(Volume volume, Point fallback) {
        List<Point> points = volume.points();
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (holdsDatabase(volume, points.get(mid).lsn())) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < points.size() ? points.get(lo) : fallback;
    }

    /** Refuses {@code lsn} unless it holds a database. */
    static void requireDatabase(Volume volume, Lsn lsn) {
        if (!holdsDatabase(volume, lsn)) {
            throw new IllegalArgumentException("point " + lsn.value()
                    + " precedes the creation of the database on this volume; it cannot be opened");
        }
    }
}
