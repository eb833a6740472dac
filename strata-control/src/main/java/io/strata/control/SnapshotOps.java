package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.SnapshotRecord;
import io.strata.storage.Lsn;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;

import java.time.Duration;
import java.util.List;

/**
 * CreateDBClusterSnapshot, DescribeDBClusterSnapshots, DeleteDBClusterSnapshot. A snapshot is a pinned point
 * of its cluster's volume; when the cluster is deleted, the snapshot moves to a volume of its own, an O(1)
 * clone at that point, so it outlives its cluster as RDS manual snapshots do.
 */
final class SnapshotOps {
    private final Context ctx;

    SnapshotOps(Context ctx) {
        this.ctx = ctx;
    }

    SnapshotRecord create(String snapshotId, String clusterId) {
        String id = Identifiers.check("DBClusterSnapshotIdentifier", snapshotId);
        ClusterRecord c = ctx.cluster(clusterId);
        if (ctx.catalog.snapshot(id).isPresent()) {
            throw Fault.SNAPSHOT_ALREADY_EXISTS.error("Cannot create the snapshot because a snapshot with the identifier "
                    + id + " already exists.");
        }
        if (c.status() != ClusterStatus.AVAILABLE && c.status() != ClusterStatus.STOPPED) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + c.id() + " is in status " + c.status().wire()
                    + "; a snapshot needs it available.");
        }
        Volume volume = ctx.volume(c);
        Point p = volume.latestPoint();
        volume.pin(p.lsn());
        SnapshotRecord s = new SnapshotRecord(id, c.id(), volume.name(), p.lsn().value(), false, p.time(),
                c.engine(), c.engineVersion(), c.masterUsername(), c.masterPassword(), c.port(), c.createdTime());
        ctx.catalog.put(s);
        ctx.catalog.commit();
        return s;
    }

    List<SnapshotRecord> describe(String snapshotId, String clusterId) {
        if (snapshotId != null) {
            return List.of(snapshot(snapshotId));
        }
        String cluster = clusterId == null ? null : Identifiers.lookup("DBClusterIdentifier", clusterId);
        return ctx.catalog.snapshots().stream().filter(s -> cluster == null || s.clusterId().equals(cluster)).toList();
    }

    SnapshotRecord delete(String snapshotId) {
        SnapshotRecord s = snapshot(snapshotId);
        ctx.catalog.removeSnapshot(s.id());
        ctx.catalog.commit();
        ctx.store.volume(s.volumeName()).ifPresent(v -> {
            if (s.ownVolume()) {
                ctx.store.delete(v);
            } else {
                v.unpin(new Lsn(s.lsn()));
            }
        });
        return s;
    }

    /** The cluster snapshot {@code snapshotId} was taken of, or null if there is no such snapshot (for locking). */
    String clusterOf(String snapshotId) {
        if (snapshotId == null) {
            return null;
        }
        return ctx.catalog.snapshot(Identifiers.lookup("DBClusterSnapshotIdentifier", snapshotId))
                .map(SnapshotRecord::clusterId).orElse(null);
    }

    SnapshotRecord snapshot(String snapshotId) {
        String key = Identifiers.lookup("DBClusterSnapshotIdentifier", snapshotId);
        return ctx.catalog.snapshot(key).orElseThrow(() ->
                Fault.SNAPSHOT_NOT_FOUND.error("DBClusterSnapshot " + key + " not found."));
    }

    /** Before cluster {@code c}'s volume is deleted: moves each of its snapshots to a volume of its own. */
    void detachFrom(ClusterRecord c) {
        Volume volume = ctx.volume(c);
        for (SnapshotRecord s : ctx.catalog.snapshots()) {
            if (!s.ownVolume() && s.volumeName().equals(c.volumeName())) {
                Volume own = ctx.store.clone(volume, new Lsn(s.lsn()), Context.newVolumeName("snapshot", s.id()),
                        VolumeOptions.withRetention(Duration.ZERO));
                Point p = own.latestPoint();
                own.pin(p.lsn());
                ctx.catalog.put(s.movedTo(own.name(), p.lsn().value()));
            }
        }
        ctx.store.sync();
    }
}
