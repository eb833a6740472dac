package io.strata.control;

/** A RestoreDBClusterFromSnapshot request: a new cluster cloned at the snapshot's pinned point. */
public record SnapshotRestore(String targetId, String snapshotId, Integer port, Long backtrackWindowSeconds,
                              boolean deletionProtection) {
}
