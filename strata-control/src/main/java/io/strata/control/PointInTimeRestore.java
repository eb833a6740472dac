package io.strata.control;

import java.time.Instant;

/**
 * A RestoreDBClusterToPointInTime request: a new cluster {@code targetId} holding {@code sourceId}'s data as of
 * {@code restoreToTime} (or its latest restorable time). {@code restoreType}: "copy-on-write" (a clone, O(1)) or
 * "full-copy" (the default, as in RDS).
 */
public record PointInTimeRestore(String targetId, String sourceId, Instant restoreToTime, boolean useLatestRestorableTime,
                                 String restoreType, Integer port, Long backtrackWindowSeconds, boolean deletionProtection) {
}
