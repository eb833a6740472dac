package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.InstanceRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateDBInstance, DescribeDBInstances, DeleteDBInstance: an instance is the running engine of its cluster, its
 * class the engine's cache size ({@link InstanceClasses}). As in Aurora's API, the last instance of a cluster
 * with deletion protection may be deleted (only the cluster is protected); the endpoint then stops answering.
 */
final class InstanceOps {
    private final Context ctx;

    InstanceOps(Context ctx) {
        this.ctx = ctx;
    }

    InstanceInfo create(NewInstance req) {
        String id = Identifiers.check("DBInstanceIdentifier", req.id());
        if (req.clusterId() == null) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Strata instances belong to a cluster: pass DBClusterIdentifier"
                    + " (CreateDBCluster first).");
        }
        ClusterRecord c = ctx.cluster(req.clusterId());
        String instanceClass = req.instanceClass() == null ? InstanceClasses.DEFAULT : req.instanceClass();
        int cacheMb = InstanceClasses.cacheSizeMb(instanceClass);
        ctx.requireStatus(c, ClusterStatus.AVAILABLE, "CreateDBInstance");
        InstanceRecord i = new InstanceRecord(id, c.id(), instanceClass, c.engine(), "creating", Instant.now(), cacheMb);
        synchronized (ctx.catalog) {
            if (ctx.catalog.instance(id).isPresent()) {
                throw Fault.DB_INSTANCE_ALREADY_EXISTS.error("DB instance already exists: " + id);
            }
            ctx.catalog.put(i);
        }
        try {
            ctx.startIfServing(c);
        } catch (RuntimeException e) {
            ctx.catalog.removeInstance(id);
            throw e;
        }
        i = i.withStatus("available");
        ctx.catalog.put(i);
        ctx.catalog.commit();
        return info(i);
    }

    List<InstanceInfo> describe(String instanceId, String clusterId) {
        List<InstanceInfo> out = new ArrayList<>();
        if (instanceId != null) {
            out.add(info(instance(instanceId)));
            return out;
        }
        for (InstanceRecord i : ctx.catalog.instances()) {
            if (clusterId == null || i.clusterId().equals(Identifiers.lookup("db-cluster-id", clusterId))) {
                InstanceInfo shown = infoOrNull(i);
                if (shown != null) {
                    out.add(shown);
                }
            }
        }
        return out;
    }

    /** The cluster of instance {@code instanceId}, or null if there is no such instance (for locking). */
    String clusterOf(String instanceId) {
        if (instanceId == null) {
            return null;
        }
        return ctx.catalog.instance(Identifiers.lookup("DBInstanceIdentifier", instanceId))
                .map(InstanceRecord::clusterId).orElse(null);
    }

    InstanceInfo delete(String instanceId) {
        InstanceRecord i = instance(instanceId);
        ctx.catalog.removeInstance(i.id());
        if (ctx.catalog.instancesOf(i.clusterId()).isEmpty()) {
            // The last instance was the cluster's engine: the endpoint stops answering, as in Aurora.
            ctx.endpoints.stop(i.clusterId());
        }
        ctx.catalog.commit();
        return info(i.withStatus("deleting"));
    }

    private InstanceRecord instance(String id) {
        String key = Identifiers.lookup("DBInstanceIdentifier", id);
        return ctx.catalog.instance(key).orElseThrow(() -> Fault.DB_INSTANCE_NOT_FOUND.error("DBInstance " + key + " not found."));
    }

    private InstanceInfo info(InstanceRecord i) {
        InstanceInfo shown = infoOrNull(i);
        if (shown == null) {
            throw Fault.DB_INSTANCE_NOT_FOUND.error("DBInstance " + i.id() + " not found.");
        }
        return shown;
    }

    /** Null when the instance's cluster went away meanwhile (a concurrent delete). */
    private InstanceInfo infoOrNull(InstanceRecord i) {
        ClusterRecord c = ctx.catalog.cluster(i.clusterId()).orElse(null);
        if (c == null) {
            return null;
        }
        if (i.status().equals("available")) {
            if (c.status() == ClusterStatus.STOPPED) {
                i = i.withStatus("stopped");
            } else if (c.status() == ClusterStatus.STOPPING) {
                i = i.withStatus("stopping");
            } else if (c.status() == ClusterStatus.STARTING) {
                i = i.withStatus("starting");
            }
        }
        int cacheMb = i.cacheSizeMb() > 0 ? i.cacheSizeMb() : InstanceClasses.cacheSizeMbOrDefault(i.instanceClass());
        return new InstanceInfo(i, ctx.endpoints.address(), c.port(), c.masterUsername(), c.engineVersion(), cacheMb);
    }
}
