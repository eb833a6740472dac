package io.strata.client;

import io.strata.client.wire.Shape;

import java.time.Instant;

/** A DB cluster snapshot: a cluster's state at {@code created}, kept until deleted. */
public record Snapshot(SnapshotId id, ClusterId cluster, String status, Instant created, Shape shape) {
    static Snapshot from(Shape s) {
        return new Snapshot(SnapshotId.of(s.get("DBClusterSnapshotIdentifier")), ClusterId.of(s.get("DBClusterIdentifier")),
                s.get("Status"), Cluster.time(s, "SnapshotCreateTime"), s);
    }
}
