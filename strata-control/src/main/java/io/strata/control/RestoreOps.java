package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.SnapshotRecord;
import io.strata.storage.Lsn;
import io.strata.storage.Point;
import io.strata.storage.Volume;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * RestoreDBClusterToPointInTime and RestoreDBClusterFromSnapshot. A restored cluster has no instance: its
 * endpoint answers only after CreateDBInstance, as in Aurora.
 */
final class RestoreOps {
    private final Context ctx;

    RestoreOps(Context ctx) {
        this.ctx = ctx;
    }

    ClusterInfo toPointInTime(PointInTimeRestore req) {
        String id = Identifiers.check("DBClusterIdentifier", req.targetId());
        ClusterRecord source = ctx.cluster(req.sourceId());
        if (ctx.catalog.cluster(id).isPresent()) {
            throw Fault.DB_CLUSTER_ALREADY_EXISTS.error("DB Cluster already exists: " + id);
        }
        String type = restoreType(req.restoreType());
        if (req.useLatestRestorableTime() == (req.restoreToTime() != null)) {
            throw Fault.INVALID_PARAMETER_COMBINATION.error(req.useLatestRestorableTime()
                    ? "RestoreToTime and UseLatestRestorableTime cannot both be specified."
                    : "Either RestoreToTime or UseLatestRestorableTime must be specified.");
        }
        if (source.status() != ClusterStatus.AVAILABLE && source.status() != ClusterStatus.STOPPED) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + source.id() + " is in status "
                    + source.status().wire() + "; it can be restored from once it is available.");
        }
        if (type.equals(Context.COPY_ON_WRITE)) {
            checkCloneLimit(source);
        }
        Map<String, String> tags = Ttl.check(req.tags());
        Instant expiresAt = Ttl.expiry(tags, Instant.now());
        Ttl.checkNotProtected(expiresAt, req.deletionProtection(), id);
        Volume from = ctx.volume(source);
        Point at = req.useLatestRestorableTime() ? from.latestPoint() : pointAt(source, from, req.restoreToTime());
        long window = req.backtrackWindowSeconds() == null ? source.backtrackWindowSeconds()
                : Context.checkWindow(req.backtrackWindowSeconds());
        String volumeName = Context.newVolumeName("cluster", id);
        var opts = Context.volumeOptions(window, source.backupRetentionDays());
        boolean cow = type.equals(Context.COPY_ON_WRITE);
        String group = cow ? source.cloneGroupId() : UUID.randomUUID().toString();
        ClusterRecord c = ctx.addCluster(id, req.port(), port -> new ClusterRecord(id, volumeName, port, source.engine(),
                source.engineVersion(), source.masterUsername(), source.masterPassword(), source.databaseName(), window,
                source.backupRetentionDays(), req.deletionProtection(), ClusterStatus.CREATING, Instant.now(),
                group, source.id(), type, tags, expiresAt));
        if (!cow) {
            // Aurora's way: answer at once with the cluster creating; the copy runs in the background.
            ctx.catalog.commit();
            ctx.copies.start(c, source.id(), from, at.lsn(), opts);
            return ctx.info(c);
        }
        try {
            ctx.store.clone(from, at.lsn(), volumeName, opts);
            // The new volume must be durable before the catalog (and then the caller) learns of it.
            ctx.store.sync();
        } catch (RuntimeException e) {
            ctx.catalog.removeCluster(id);
            throw e;
        }
        c = c.withStatus(ClusterStatus.AVAILABLE);
        ctx.catalog.put(c);
        ctx.catalog.commit();
        return ctx.info(c);
    }

    ClusterInfo fromSnapshot(SnapshotRestore req, SnapshotOps snapshots) {
        String id = Identifiers.check("DBClusterIdentifier", req.targetId());
        SnapshotRecord s = snapshots.snapshot(req.snapshotId());
        if (ctx.catalog.cluster(id).isPresent()) {
            throw Fault.DB_CLUSTER_ALREADY_EXISTS.error("DB Cluster already exists: " + id);
        }
        long window = Context.checkWindow(req.backtrackWindowSeconds());
        Map<String, String> tags = Ttl.check(req.tags());
        Instant expiresAt = Ttl.expiry(tags, Instant.now());
        Ttl.checkNotProtected(expiresAt, req.deletionProtection(), id);
        String volumeName = Context.newVolumeName("cluster", id);
        Volume from = ctx.store.volume(s.volumeName()).orElseThrow(() -> Fault.SNAPSHOT_NOT_FOUND.error(
                "the storage of snapshot " + s.id() + " is missing"));
        ClusterRecord c = ctx.addCluster(id, req.port(), port -> new ClusterRecord(id, volumeName, port, s.engine(),
                s.engineVersion(), s.masterUsername(), s.masterPassword(), null, window, 1, req.deletionProtection(),
                ClusterStatus.CREATING, Instant.now(), UUID.randomUUID().toString(), null, null, tags, expiresAt));
        try {
            ctx.store.clone(from, new Lsn(s.lsn()), volumeName, Context.volumeOptions(window, 1));
            ctx.store.sync();
        } catch (RuntimeException e) {
            ctx.catalog.removeCluster(id);
            throw e;
        }
        c = c.withStatus(ClusterStatus.AVAILABLE);
        ctx.catalog.put(c);
        ctx.catalog.commit();
        return ctx.info(c);
    }

    private Point pointAt(ClusterRecord source, Volume from, Instant time) {
        Instant now = Instant.now();
        if (time.isAfter(now)) {
            throw Fault.INVALID_PARAMETER_VALUE.error("RestoreToTime " + time + " is after the latest restorable time "
                    + now + " of DB cluster " + source.id() + "; use UseLatestRestorableTime for the latest.");
        }
        // Compared at the API's precision: the EarliestRestorableTime shown (rounded up to the ms) is accepted.
        Instant earliest = Context.ceilMillis(from.range().earliestRestorable());
        if (time.isBefore(earliest)) {
            throw Fault.INVALID_PARAMETER_VALUE.error("RestoreToTime " + time + " is before the earliest restorable time "
                    + earliest + " of DB cluster " + source.id() + ".");
        }
        return from.pointAtOrBefore(time).orElseThrow(() -> Fault.INVALID_PARAMETER_VALUE.error(
                "DB cluster " + source.id() + " has no restorable state at " + time + "."));
    }

    private void checkCloneLimit(ClusterRecord source) {
        long clones = ctx.catalog.clusters().stream().filter(c -> c.isCopyOnWriteCloneOf(source)).count();
        if (clones >= ctx.options.maxClonesPerSource()) {
            throw Fault.DB_CLUSTER_QUOTA_EXCEEDED.error("DB cluster " + source.id() + " already has " + clones
                    + " copy-on-write clones, the limit (" + ctx.options.maxClonesPerSource() + "). Delete a clone,"
                    + " restore with RestoreType=full-copy, or raise the limit: restart the server with"
                    + " `strata server --max-clones-per-source N` (N > " + ctx.options.maxClonesPerSource() + ").");
        }
    }

    private static String restoreType(String requested) {
        if (requested == null) {
            return Context.FULL_COPY;
        }
        String t = requested.toLowerCase(Locale.ROOT);
        if (!t.equals(Context.FULL_COPY) && !t.equals(Context.COPY_ON_WRITE)) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Invalid RestoreType " + requested
                    + ": use copy-on-write or full-copy.");
        }
        return t;
    }
}
