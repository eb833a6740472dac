package io.strata.api;

import io.strata.control.ControlPlane;
import io.strata.control.PointInTimeRestore;
import io.strata.control.SnapshotRestore;

import java.util.Map;

/** RestoreDBClusterToPointInTime (clone: RestoreType=copy-on-write) and RestoreDBClusterFromSnapshot. */
final class RestoreActions {
    private RestoreActions() {
    }

    static void register(Map<String, Action> actions, ControlPlane cp, Shapes shapes) {
        actions.put("RestoreDBClusterToPointInTime", (p, x) -> shapes.cluster(x, "DBCluster",
                cp.restoreToPointInTime(new PointInTimeRestore(p.required("DBClusterIdentifier"),
                        p.required("SourceDBClusterIdentifier"), p.optionalTime("RestoreToTime"),
                        p.bool("UseLatestRestorableTime"), p.string("RestoreType"), p.optionalInt("Port"),
                        p.optionalLong("BacktrackWindow"), p.bool("DeletionProtection"), p.tags()))));
        actions.put("RestoreDBClusterFromSnapshot", (p, x) -> shapes.cluster(x, "DBCluster",
                cp.restoreFromSnapshot(new SnapshotRestore(p.required("DBClusterIdentifier"),
                        p.required("SnapshotIdentifier"), p.optionalInt("Port"), p.optionalLong("BacktrackWindow"),
                        p.bool("DeletionProtection"), p.tags()))));
    }
}
