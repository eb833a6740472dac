package io.strata.control;

import java.util.Map;

/** A RestoreDBClusterFromSnapshot request: a new cluster cloned at the snapshot's pinned point (tags as for restores). */
public record SnapshotRestore(String targetId, String snapshotId, Integer port, Long backtrackWindowSeconds,
                              boolean deletionProtection, Map<String, String> tags) {

    /** A request without tags. */
    public SnapshotRestore(String targetId, String snapshotId, Integer port, Long backtrackWindowSeconds,
                           boolean deletionProtection) {
        this(targetId, snapshotId, port, backtrackWindowSeconds, deletionProtection, Map.of());
    }
}
