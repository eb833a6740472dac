package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** CreateDBCluster, ModifyDBCluster, DeleteDBCluster, StartDBCluster, StopDBCluster. */
final class ClusterOps {
    static final String DEFAULT_ENGINE = "aurora-mysql";
    static final String DEFAULT_ENGINE_VERSION = "8.0.mysql_aurora.3.05.2";
    private static final Pattern USER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}");
    private final Context ctx;

    ClusterOps(Context ctx) {
        this.ctx = ctx;
    }

    ClusterInfo create(NewCluster req) {
        String id = Identifiers.check("DBClusterIdentifier", req.id());
        String engine = engine(req.engine());
        if (req.masterUsername() == null || !USER.matcher(req.masterUsername()).matches()) {
            throw Fault.INVALID_PARAMETER_VALUE.error("MasterUsername must be 1 to 16 letters, digits or underscores,"
                    + " starting with a letter; got " + (req.masterUsername() == null ? "none" : "'" + req.masterUsername() + "'") + ".");
        }
        String password = MasterPasswords.check(req.masterPassword());
        long window = Context.checkWindow(req.backtrackWindowSeconds());
        int days = req.backupRetentionDays() == null ? 1 : req.backupRetentionDays();
        if (days < 1 || days > 35) {
            throw Fault.INVALID_PARAMETER_VALUE.error("BackupRetentionPeriod must be between 1 and 35 days; got " + days + ".");
        }
        Map<String, String> tags = Ttl.check(req.tags());
        Instant now = Instant.now();
        Instant expiresAt = Ttl.expiry(tags, now);
        Ttl.checkNotProtected(expiresAt, req.deletionProtection(), id);
        String volumeName = Context.newVolumeName("cluster", id);
        // The record first (creating: its name and port are taken), then storage, then available and committed.
        // A crash in between leaves a record without volume or a volume without record; open drops either.
        ClusterRecord c = ctx.addCluster(id, req.port(), port -> new ClusterRecord(id, volumeName, port, engine,
                req.engineVersion() == null ? DEFAULT_ENGINE_VERSION : req.engineVersion(), req.masterUsername(),
                password, req.databaseName(), window, days, req.deletionProtection(), ClusterStatus.CREATING,
                now, UUID.randomUUID().toString(), null, null, tags, expiresAt));
        try {
            ctx.store.createVolume(volumeName, Context.volumeOptions(window, days));
        } catch (RuntimeException e) {
            ctx.catalog.removeCluster(id);
            throw e;
        }
        c = c.withStatus(ClusterStatus.AVAILABLE);
        ctx.catalog.put(c);
        ctx.catalog.commit();
        return ctx.info(c);
    }

    ClusterInfo modify(ClusterChange req) {
        ClusterRecord c = ctx.cluster(req.clusterId());
        if (c.status() != ClusterStatus.AVAILABLE && c.status() != ClusterStatus.STOPPED) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + c.id() + " is in status " + c.status().wire()
                    + "; ModifyDBCluster needs it available or stopped.");
        }
        long window = req.backtrackWindowSeconds() == null ? c.backtrackWindowSeconds()
                : Context.checkWindow(req.backtrackWindowSeconds());
        String password = req.masterPassword() == null ? c.masterPassword() : MasterPasswords.check(req.masterPassword());
        boolean protection = req.deletionProtection() == null ? c.deletionProtection() : req.deletionProtection();
        Ttl.checkNotProtected(c.expiresAt(), protection, c.id());
        ClusterRecord changed = c.withSettings(window, password, protection);
        if (window != c.backtrackWindowSeconds()) {
            ctx.volume(c).setRetention(Context.volumeOptions(window, c.backupRetentionDays()).retention());
        }
        if (!password.equals(c.masterPassword()) && ctx.endpoints.isRunning(c.id())) {
            // The runtime takes credentials at start: restart the endpoint so the new password applies.
            ctx.catalog.put(changed.withStatus(ClusterStatus.RESETTING_MASTER_CREDENTIALS));
            ctx.catalog.commit();
            ctx.endpoints.stop(c.id());
            ctx.catalog.put(changed);
            ctx.startIfServing(changed);
        } else {
            ctx.catalog.put(changed);
        }
        ctx.catalog.commit();
        return ctx.info(changed);
    }

    ClusterInfo delete(String clusterId, boolean skipFinalSnapshot, String finalSnapshotId, SnapshotOps snapshots) {
        ClusterRecord c = ctx.cluster(clusterId);
        if (c.deletionProtection()) {
            throw Fault.INVALID_PARAMETER_COMBINATION.error("Cannot delete protected Cluster " + c.id()
                    + ", please disable deletion protection (ModifyDBCluster) and try again.");
        }
        if (c.status() == ClusterStatus.CREATING) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + c.id() + " is being created (a full copy at "
                    + ctx.copies.percent(c.id()) + "%); delete it once it is available.");
        }
        if (ctx.copies.isCopyingFrom(c.id())) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + c.id() + " is the source of a full-copy restore"
                    + " in progress; delete it once the copy is available (DescribeDBClusters shows its PercentProgress).");
        }
        if (!ctx.catalog.instancesOf(c.id()).isEmpty()) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("Cluster " + c.id() + " cannot be deleted, it still contains"
                    + " DB instances in non-deleting state; delete them first (DeleteDBInstance).");
        }
        if (skipFinalSnapshot == (finalSnapshotId != null)) {
            throw Fault.INVALID_PARAMETER_COMBINATION.error(skipFinalSnapshot
                    ? "FinalDBSnapshotIdentifier can not be specified when deleting a cluster with SkipFinalSnapshot=true."
                    : "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
        }
        if (finalSnapshotId != null && c.status() == ClusterStatus.FAILED) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + c.id() + " is failed and holds no data:"
                    + " delete it with SkipFinalSnapshot.");
        }
        if (finalSnapshotId != null) {
            snapshots.create(finalSnapshotId, c.id());
        }
        ClusterRecord deleting = c.withStatus(ClusterStatus.DELETING);
        ClusterInfo shown = ctx.info(deleting);
        ctx.catalog.put(deleting);
        ctx.endpoints.stop(c.id());
        if (c.status() != ClusterStatus.FAILED) {
            snapshots.detachFrom(c);
        }
        // Catalog first, then storage: a crash in between leaves an unreferenced volume, removed at open.
        ctx.catalog.removeCluster(c.id());
        ctx.catalog.commit();
        ctx.store.volume(c.volumeName()).ifPresent(ctx.store::delete);
        return shown;
    }

    ClusterInfo start(String clusterId) {
        ClusterRecord c = ctx.cluster(clusterId);
        ctx.requireStatus(c, ClusterStatus.STOPPED, "StartDBCluster");
        ctx.catalog.put(c.withStatus(ClusterStatus.STARTING));
        ClusterRecord started = c.withStatus(ClusterStatus.AVAILABLE);
        try {
            ctx.startIfServing(started);
        } catch (RuntimeException e) {
            ctx.catalog.put(c);
            throw e;
        }
        ctx.catalog.put(started);
        ctx.catalog.commit();
        return ctx.info(started);
    }

    ClusterInfo stop(String clusterId) {
        ClusterRecord c = ctx.cluster(clusterId);
        ctx.requireStatus(c, ClusterStatus.AVAILABLE, "StopDBCluster");
        ctx.catalog.put(c.withStatus(ClusterStatus.STOPPING));
        ctx.endpoints.stop(c.id());
        ClusterRecord stopped = c.withStatus(ClusterStatus.STOPPED);
        ctx.catalog.put(stopped);
        ctx.catalog.commit();
        return ctx.info(stopped);
    }

    private static String engine(String engine) {
        if (engine == null) {
            return DEFAULT_ENGINE;
        }
        String e = engine.toLowerCase(Locale.ROOT);
        if (!e.equals("aurora-mysql") && !e.equals("aurora") && !e.equals("mysql")) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Invalid DB engine: " + engine
                    + ". Strata is MySQL-compatible: use aurora-mysql.");
        }
        return e;
    }
}
