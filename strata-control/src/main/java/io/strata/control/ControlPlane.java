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

/**
 * Strata's control plane: DB clusters, instances, restores, backtracks and snapshots over one data directory
 * ({@code DATA_DIR/storage}: the page store; {@code DATA_DIR/control/catalog.json}: the catalog).
 *
 * <p>Durability: every action makes its storage changes durable ({@link PageStore#sync()}) and then commits the
 * catalog (atomic replace, fsync) before it returns, so whatever was acknowledged is back after kill -9.
 *
 * <p>Concurrency: thread-safe; actions run one at a time (they are O(1) in the data but a full-copy restore).
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
            Endpoints endpoints = new Endpoints(runtime, options.endpointAddress(), options.firstPort());
            ControlPlane cp = new ControlPlane(new Context(store, catalog, endpoints, options));
            cp.recover();
            return cp;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private synchronized void recover() {
        Set<String> referenced = new HashSet<>();
        for (ClusterRecord c : ctx.catalog.clusters()) {
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
                ctx.endpoints.startOrLog(c, ctx.volume(c));
            }
        }
    }

    /** The status a cluster has once an action cut short by a crash is settled. */
    private static ClusterStatus settled(ClusterStatus s) {
        return switch (s) {
            case STOPPING, STOPPED -> ClusterStatus.STOPPED;
            default -> ClusterStatus.AVAILABLE;
        };
    }

    // ---- clusters ----

    public synchronized ClusterInfo createCluster(NewCluster req) {
        return clusters.create(req);
    }

    /** Every cluster, or the one named ({@link Fault#DB_CLUSTER_NOT_FOUND} if none). */
    public synchronized List<ClusterInfo> describeClusters(String clusterId) {
        if (clusterId != null) {
            return List.of(ctx.info(ctx.cluster(clusterId)));
        }
        return ctx.catalog.clusters().stream().map(ctx::info).toList();
    }

    public synchronized ClusterInfo modifyCluster(ClusterChange req) {
        return clusters.modify(req);
    }

    public synchronized ClusterInfo deleteCluster(String clusterId, boolean skipFinalSnapshot, String finalSnapshotId) {
        return clusters.delete(clusterId, skipFinalSnapshot, finalSnapshotId, snapshots);
    }

    public synchronized ClusterInfo startCluster(String clusterId) {
        return clusters.start(clusterId);
    }

    public synchronized ClusterInfo stopCluster(String clusterId) {
        return clusters.stop(clusterId);
    }

    // ---- instances ----

    public synchronized InstanceInfo createInstance(NewInstance req) {
        return instances.create(req);
    }

    /** One instance by id, or those of one cluster, or all (both null). */
    public synchronized List<InstanceInfo> describeInstances(String instanceId, String clusterId) {
        return instances.describe(instanceId, clusterId);
    }

    public synchronized InstanceInfo deleteInstance(String instanceId) {
        return instances.delete(instanceId);
    }

    // ---- restores, backtracks, snapshots ----

    public synchronized ClusterInfo restoreToPointInTime(PointInTimeRestore req) {
        return restores.toPointInTime(req);
    }

    public synchronized ClusterInfo restoreFromSnapshot(SnapshotRestore req) {
        return restores.fromSnapshot(req, snapshots);
    }

    public synchronized BacktrackRecord backtrack(BacktrackRequest req) {
        return backtracks.backtrack(req);
    }

    /** The cluster's backtracks, newest first; one if {@code backtrackId} is given. */
    public synchronized List<BacktrackRecord> describeBacktracks(String clusterId, String backtrackId) {
        return backtracks.describe(clusterId, backtrackId);
    }

    public synchronized SnapshotRecord createSnapshot(String snapshotId, String clusterId) {
        return snapshots.create(snapshotId, clusterId);
    }

    public synchronized List<SnapshotRecord> describeSnapshots(String snapshotId, String clusterId) {
        return snapshots.describe(snapshotId, clusterId);
    }

    public synchronized SnapshotRecord deleteSnapshot(String snapshotId) {
        return snapshots.delete(snapshotId);
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
    public synchronized Volume volumeOf(String clusterId) {
        return ctx.volume(ctx.cluster(clusterId));
    }

    /** Whether the cluster's endpoint is running now. */
    public synchronized boolean isServing(String clusterId) {
        return ctx.endpoints.isRunning(ctx.cluster(clusterId).id());
    }

    /** Closes every endpoint (and engine), then the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ctx.endpoints.stopAll();
        } finally {
            ctx.store.close();
        }
    }
}
