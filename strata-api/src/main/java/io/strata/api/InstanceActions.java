package io.strata.api;

import io.strata.control.ControlPlane;
import io.strata.control.InstanceInfo;
import io.strata.control.NewInstance;

import java.util.Map;

/** CreateDBInstance, DescribeDBInstances (by id or the db-cluster-id filter), DeleteDBInstance. */
final class InstanceActions {
    private InstanceActions() {
    }

    static void register(Map<String, Action> actions, ControlPlane cp, Shapes shapes) {
        actions.put("CreateDBInstance", (p, x) -> shapes.instance(x, "DBInstance", cp.createInstance(new NewInstance(
                p.required("DBInstanceIdentifier"), p.string("DBClusterIdentifier"), p.string("DBInstanceClass"),
                p.string("Engine")))));
        actions.put("DescribeDBInstances", (p, x) -> {
            x.start("DBInstances");
            for (InstanceInfo i : cp.describeInstances(p.string("DBInstanceIdentifier"), p.filter("db-cluster-id"))) {
                shapes.instance(x, "DBInstance", i);
            }
            x.end();
        });
        actions.put("DeleteDBInstance", (p, x) ->
                shapes.instance(x, "DBInstance", cp.deleteInstance(p.required("DBInstanceIdentifier"))));
    }
}
