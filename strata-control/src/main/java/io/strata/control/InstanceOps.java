package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.InstanceRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** CreateDBInstance, DescribeDBInstances, DeleteDBInstance: an instance is the running engine of its cluster. */
final class InstanceOps {
    static final String DEFAULT_CLASS = "db.r6g.large";
    private final Context ctx;

    InstanceOps(Context ctx) {
        this.ctx = ctx;
    }

    InstanceInfo create(NewInstance req) {
        String id = Identifiers.check("DBInstanceIdentifier", req.id());
        if (ctx.catalog.instance(id).isPresent()) {
            throw Fault.DB_INSTANCE_ALREADY_EXISTS.error("DB instance already exists: " + id);
        }
        if (req.clusterId() == null) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Strata instances belong to a cluster: pass DBClusterIdentifier"
                    + " (CreateDBCluster first).");
        }
        ClusterRecord c = ctx.cluster(req.clusterId());
        ctx.requireStatus(c, ClusterStatus.AVAILABLE, "CreateDBInstance");
        InstanceRecord i = new InstanceRecord(id, c.id(), req.instanceClass() == null ? DEFAULT_CLASS : req.instanceClass(),
                c.engine(), "available", Instant.now());
        ctx.catalog.put(i);
        try {
            ctx.startIfServing(c);
        } catch (RuntimeException e) {
            ctx.catalog.removeInstance(id);
            throw e;
        }
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
                out.add(info(i));
            }
        }
        return out;
    }

    InstanceInfo delete(String instanceId) {
        InstanceRecord i = instance(instanceId);
        ctx.catalog.removeInstance(i.id());
        if (ctx.catalog.instancesOf(i.clusterId()).isEmpty()) {
            // The last instance was the cluster's engine: the endpoint stops answering, as in Aurora.
            ctx.endpoints.stop(i.clusterId());
        }
        ctx.catalog.commit();
        return info(new InstanceRecord(i.id(), i.clusterId(), i.instanceClass(), i.engine(), "deleting", i.createdTime()));
    }

    private InstanceRecord instance(String id) {
        String key = Identifiers.lookup("DBInstanceIdentifier", id);
        return ctx.catalog.instance(key).orElseThrow(() -> Fault.DB_INSTANCE_NOT_FOUND.error("DBInstance " + key + " not found."));
    }

    private InstanceInfo info(InstanceRecord i) {
        ClusterRecord c = ctx.catalog.cluster(i.clusterId()).orElseThrow();
        if (c.status() == ClusterStatus.STOPPED && i.status().equals("available")) {
            i = new InstanceRecord(i.id(), i.clusterId(), i.instanceClass(), i.engine(), "stopped", i.createdTime());
        }
        return new InstanceInfo(i, ctx.endpoints.address(), c.port(), c.masterUsername(), c.engineVersion());
    }
}
