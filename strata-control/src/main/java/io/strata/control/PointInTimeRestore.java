package io.strata.control;

import java.time.Instant;
import java.util.Map;

/**
 * A RestoreDBClusterToPointInTime request: a new cluster {@code targetId} holding {@code sourceId}'s data as of
 * {@code restoreToTime} (or its latest restorable time). {@code restoreType}: "copy-on-write" (a clone, O(1)) or
 * "full-copy" (the default, as in RDS). {@code tags} may hold {@code strata:ttl}, the new cluster's time-to-live.
 */
public record PointInTimeRestore(String targetId, String sourceId, Instant restoreToTime, boolean useLatestRestorableTime,
                                 String restoreType, Integer port, Long backtrackWindowSeconds, boolean deletionProtection,
                                 Map<String, String> tags) {

    /** A request without tags. */
    public PointInTimeRestore(String targetId, String sourceId, Instant restoreToTime, boolean useLatestRestorableTime,
                              String restoreType, Integer port, Long backtrackWindowSeconds, boolean deletionProtection) {
        this(targetId, sourceId, restoreToTime, useLatestRestorableTime, restoreType, port, backtrackWindowSeconds,
                deletionProtection, Map.of());
    }
}
