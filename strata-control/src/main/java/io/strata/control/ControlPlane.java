package io.strata.control;

import io.strata.control.catalog.BacktrackRecord;
import io.strata.control.catalog.CatalogFile;
import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.ControlCatalog;
import io.strata.control.catalog.SnapshotRecord;
import io.strata.storage.PageStore;
import io.strata.storage.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Strata's control plane: DB clusters, instances, restores, backtracks and snapshots over one data directory
 * ({@code DATA_DIR/storage}: the page store; {@code DATA_DIR/control/catalog.json}: the catalog).
 *
 * <p>Durability: every action makes its storage changes durable ({@link PageStore#sync()}) and then commits the
 * catalog (atomic replace, fsync) before it returns, so whatever was acknowledged is back after kill -9.
 *
 * <p>Concurrency contract: thread-safe. Each action holds the locks of the clusters and snapshots it changes
 * ({@link Locks}: one per cluster, one per snapshot, taken in a fixed order) for its whole length, including
 * stopping and starting engines; actions on different clusters run side by side. The catalog has its own monitor,
 * held only to read or change records and to commit, never while an engine opens or data is copied. Describe*
 * take no cluster lock: they never wait for a backtrack, an engine start or a copy, and show the status of the
 * work in progress (backtracking, starting, creating, ...). Long work does not hold a lock at all: a full-copy
 * restore returns at once with the new cluster {@code creating} and copies in the background ({@link FullCopies}).
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private final Context ctx;
    private final ClusterOps clusters;
    private final InstanceOps instances;
    private final RestoreOps restores;
    private final BacktrackOps backtracks;
    private final SnapshotOps snapshots;
    private final TagOps tags;
    private boolean closed;

    private ControlPlane(Context ctx) {
        this.ctx = ctx;
        this.clusters = new ClusterOps(ctx);
        this.instances = new InstanceOps(ctx);
        this.restores = new RestoreOps(ctx);
        this.backtracks = new BacktrackOps(ctx);
        this.snapshots = new SnapshotOps(ctx);
        this.tags = new TagOps(ctx);
    }

    /**
     * Opens (or creates) the control plane in {@code dataDir}: loads the catalog, finishes actions a crash cut
     * short, and starts the endpoint of every available cluster with an instance, on its own port.
     */
    public static ControlPlane open(Path dataDir, ClusterRuntime runtime, ControlPlaneOptions options) {
        PageStore store = PageStore.open(dataDir.resolve("storage"), options.store());
        try {
            ControlCatalog catalog = new ControlCatalog(new CatalogFile(dataDir.resolve("control")));
            Endpoints endpoints = new Endpoints(runtime, options.endpointAddress(), options.firstPort(), options.lastPort());
            ControlPlane cp = new ControlPlane(new Context(store, catalog, endpoints, options));
            cp.recover();
            return cp;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void recover() {
        Set<String> referenced = new HashSet<>();
        for (ClusterRecord c : ctx.catalog.clusters()) {
            if (c.status() == ClusterStatus.FAILED) {
                continue;
            }
            if (c.status() == ClusterStatus.CREATING && Context.FULL_COPY.equals(c.restoreType())) {
                LOG.warn("the full copy into cluster {} was cut short by a server stop; the cluster is failed", c.id());
                ctx.store.volume(c.volumeName()).ifPresent(ctx.store::delete);
                ctx.catalog.put(c.withStatus(ClusterStatus.FAILED));
                continue;
            }
            if (ctx.store.volume(c.volumeName()).isEmpty()) {
                LOG.warn("cluster {} was being created when the server stopped; it is dropped", c.id());
                ctx.catalog.removeCluster(c.id());
                ctx.catalog.instancesOf(c.id()).forEach(i -> ctx.catalog.removeInstance(i.id()));
                continue;
            }
            referenced.add(c.volumeName());
            ctx.catalog.put(c.withStatus(settled(c.status())));
            for (BacktrackRecord b : ctx.catalog.backtracksOf(c.id())) {
                if (b.status().equals("pending") || b.status().equals("applying")) {
                    ctx.catalog.put(b.with(BacktrackOps.resolveAfterCrash(b, ctx.volume(c)), b.backtrackedFrom()));
                }
            }
        }
        // An instance seen "creating" (committed by another action while its engine opened) has its record: it is
        // an instance, and its endpoint starts below with its cluster's.
        ctx.catalog.instances().stream().filter(i -> i.status().equals("creating"))
                .forEach(i -> ctx.catalog.put(i.withStatus("available")));
        ctx.catalog.snapshots().forEach(s -> referenced.add(s.volumeName()));
        for (Volume v : ctx.store.volumes()) {
            if ((v.name().startsWith("cluster-") || v.name().startsWith("snapshot-")) && !referenced.contains(v.name())) {
                LOG.info("removing volume {}: an action creating or deleting it was cut short", v.name());
                ctx.store.delete(v);
            }
        }
        ctx.catalog.commit();
        for (ClusterRecord c : ctx.catalog.clusters()) {
            if (c.status() == ClusterStatus.AVAILABLE && !ctx.catalog.instancesOf(c.id()).isEmpty()) {
                ctx.endpoints.startOrLog(c, ctx.volume(c), ctx.cacheSizeMb(c));
            }
        }
    }

    /**
     * The status a cluster has once an action cut short by a crash is settled: a stop is finished, anything else
     * (a start, a backtrack, a password change, an unacknowledged delete) leaves the cluster available.
     */
    private static ClusterStatus settled(ClusterStatus s) {
        return switch (s) {
            case STOPPING, STOPPED -> ClusterStatus.STOPPED;
            default -> ClusterStatus.AVAILABLE;
        };
    }

    private <T> T locked(String name, Supplier<T> action) {
        return ctx.locks.with(name, action);
    }

    private <T> T locked(List<String> names, Supplier<T> action) {
        return ctx.locks.with(names, action);
    }

    // ---- clusters ----

    public ClusterInfo createCluster(NewCluster req) {
        return locked(Locks.cluster(req.id()), () -> clusters.create(req));
    }

    /** Every cluster, or the one named ({@link Fault#DB_CLUSTER_NOT_FOUND} if none). */
    public List<ClusterInfo> describeClusters(String clusterId) {
        if (clusterId != null) {
            return List.of(ctx.info(ctx.cluster(clusterId)));
        }
        return ctx.catalog.clusters().stream().map(ctx::info).toList();
    }

    public ClusterInfo modifyCluster(ClusterChange req) {
        return locked(Locks.cluster(req.clusterId()), () -> clusters.modify(req));
    }

    public ClusterInfo deleteCluster(String clusterId, boolean skipFinalSnapshot, String finalSnapshotId) {
        return locked(List.of(Locks.cluster(clusterId), Locks.snapshot(finalSnapshotId)),
                () -> clusters.delete(clusterId, skipFinalSnapshot, finalSnapshotId, snapshots));
    }

    public ClusterInfo startCluster(String clusterId) {
        return locked(Locks.cluster(clusterId), () -> clusters.start(clusterId));
    }

    public ClusterInfo stopCluster(String clusterId) {
        return locked(Locks.cluster(clusterId), () -> clusters.stop(clusterId));
    }

    // ---- instances ----

    public InstanceInfo createInstance(NewInstance req) {
        return locked(Locks.cluster(req.clusterId()), () -> instances.create(req));
    }

    /** One instance by id, or those of one cluster, or all (both null). */
    public List<InstanceInfo> describeInstances(String instanceId, String clusterId) {
        return instances.describe(instanceId, clusterId);
    }

    public InstanceInfo deleteInstance(String instanceId) {
        String clusterId = instances.clusterOf(instanceId);
        return locked(Locks.cluster(clusterId), () -> instances.delete(instanceId));
    }

    // ---- restores, backtracks, snapshots ----

    /**
     * A copy-on-write restore (a clone) is done when this returns; a full-copy restore returns the new cluster
     * {@code creating} and copies in the background (DescribeDBClusters shows its PercentProgress).
     */
    public ClusterInfo restoreToPointInTime(PointInTimeRestore req) {
        return locked(List.of(Locks.cluster(req.targetId()), Locks.cluster(req.sourceId())),
                () -> restores.toPointInTime(req));
    }

    public ClusterInfo restoreFromSnapshot(SnapshotRestore req) {
        String sourceCluster = snapshots.clusterOf(req.snapshotId());
        return locked(List.of(Locks.cluster(req.targetId()), Locks.snapshot(req.snapshotId()), Locks.cluster(sourceCluster)),
                () -> restores.fromSnapshot(req, snapshots));
    }

    /**
     * Backtracks in place. A backtrack storage refuses is recorded as failed (DescribeDBClusterBacktracks shows
     * it) and answered with an error; the cluster is left as it was.
     */
    public BacktrackRecord backtrack(BacktrackRequest req) {
        return locked(Locks.cluster(req.clusterId()), () -> backtracks.backtrack(req));
    }

    /** The cluster's backtracks, newest first; one if {@code backtrackId} is given. */
    public List<BacktrackRecord> describeBacktracks(String clusterId, String backtrackId) {
        return backtracks.describe(clusterId, backtrackId);
    }

    public SnapshotRecord createSnapshot(String snapshotId, String clusterId) {
        return locked(List.of(Locks.cluster(clusterId), Locks.snapshot(snapshotId)), () -> snapshots.create(snapshotId, clusterId));
    }

    public List<SnapshotRecord> describeSnapshots(String snapshotId, String clusterId) {
        return snapshots.describe(snapshotId, clusterId);
    }

    public SnapshotRecord deleteSnapshot(String snapshotId) {
        String clusterId = snapshots.clusterOf(snapshotId);
        return locked(List.of(Locks.cluster(clusterId), Locks.snapshot(snapshotId)), () -> snapshots.delete(snapshotId));
    }

    // ---- tags and time-to-live ----

    /** AddTagsToResource on a cluster; a {@code strata:ttl} tag given here counts from now. */
    public synchronized ClusterInfo addTags(String clusterId, Map<String, String> newTags) {
        return tags.add(clusterId, newTags);
    }

    /** RemoveTagsFromResource on a cluster; removing {@code strata:ttl} ends its expiry. */
    public synchronized ClusterInfo removeTags(String clusterId, Collection<String> keys) {
        return tags.remove(clusterId, keys);
    }

    /**
     * Deletes every cluster (and its instances) whose {@code strata:ttl} expired at or before {@code now}; returns
     * their ids. The server calls it periodically and once at start, so a deadline passed while it was down is
     * kept at once.
     */
    public synchronized List<String> deleteExpired(Instant now) {
        return tags.deleteExpired(now, clusters, snapshots);
    }

    // ---- for the engine wiring and tests ----

    /** The storage volume of a cluster (for tools and tests that read or write its data directly). */
    public Volume volumeOf(String clusterId) {
        return ctx.volume(ctx.cluster(clusterId));
    }

    /** Whether the cluster's endpoint is running now. */
    public boolean isServing(String clusterId) {
        return ctx.endpoints.isRunning(ctx.cluster(clusterId).id());
    }

    /** Stops the running full copies (they show as failed at the next open), closes every endpoint, then the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ctx.copies.close();
            ctx.endpoints.stopAll();
        } finally {
            ctx.store.close();
        }
    }
}
