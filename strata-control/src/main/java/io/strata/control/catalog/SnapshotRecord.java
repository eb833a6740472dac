package io.strata.control.catalog;

import java.time.Instant;

/**
 * A manual DB cluster snapshot: a pinned point of a volume. While its cluster lives, {@code volumeName} is the
 * cluster's volume and {@code lsn} a pinned point on it; when the cluster is deleted the snapshot is moved to a
 * volume of its own (an O(1) clone at that point) and {@code ownVolume} becomes true.
 */
public record SnapshotRecord(String id, String clusterId, String volumeName, long lsn, boolean ownVolume,
                             Instant snapshotTime, String engine, String engineVersion, String masterUsername,
                             String masterPassword, int port, Instant clusterCreatedTime) {

    public SnapshotRecord movedTo(String ownVolumeName, long ownLsn) {
        return new SnapshotRecord(id, clusterId, ownVolumeName, ownLsn, true, snapshotTime, engine, engineVersion,
                masterUsername, masterPassword, port, clusterCreatedTime);
    }
}
