package io.strata.api;

import io.strata.control.ClusterChange;
import io.strata.control.ClusterInfo;
import io.strata.control.ControlPlane;
import io.strata.control.NewCluster;

import java.util.Map;

/** CreateDBCluster, DescribeDBClusters, ModifyDBCluster, DeleteDBCluster, StartDBCluster, StopDBCluster. */
final class ClusterActions {
    private ClusterActions() {
    }

    static void register(Map<String, Action> actions, ControlPlane cp, Shapes shapes) {
        actions.put("CreateDBCluster", (p, x) -> shapes.cluster(x, "DBCluster", cp.createCluster(new NewCluster(
                p.required("DBClusterIdentifier"), p.string("Engine"), p.string("EngineVersion"),
                p.string("MasterUsername"), p.string("MasterUserPassword"), p.string("DatabaseName"),
                p.optionalLong("BacktrackWindow"), p.optionalInt("BackupRetentionPeriod"), p.optionalInt("Port"),
                p.bool("DeletionProtection"), p.tags()))));
        actions.put("DescribeDBClusters", (p, x) -> {
            x.start("DBClusters");
            for (ClusterInfo c : cp.describeClusters(p.string("DBClusterIdentifier"))) {
                shapes.cluster(x, "DBCluster", c);
            }
            x.end();
        });
        actions.put("ModifyDBCluster", (p, x) -> {
            if (p.string("NewDBClusterIdentifier") != null) {
                throw ApiError.invalidParameter("Renaming a cluster (NewDBClusterIdentifier) is not supported by Strata.");
            }
            shapes.cluster(x, "DBCluster", cp.modifyCluster(new ClusterChange(p.required("DBClusterIdentifier"),
                    p.optionalLong("BacktrackWindow"), p.string("MasterUserPassword"),
                    p.optionalBool("DeletionProtection"))));
        });
        actions.put("DeleteDBCluster", (p, x) -> shapes.cluster(x, "DBCluster", cp.deleteCluster(
                p.required("DBClusterIdentifier"), p.bool("SkipFinalSnapshot"), p.string("FinalDBSnapshotIdentifier"))));
        actions.put("StartDBCluster", (p, x) ->
                shapes.cluster(x, "DBCluster", cp.startCluster(p.required("DBClusterIdentifier"))));
        actions.put("StopDBCluster", (p, x) ->
                shapes.cluster(x, "DBCluster", cp.stopCluster(p.required("DBClusterIdentifier"))));
    }
}
