package io.strata.api;

import io.strata.control.ControlPlane;
import io.strata.control.catalog.SnapshotRecord;

import java.util.Map;

/** CreateDBClusterSnapshot, DescribeDBClusterSnapshots, DeleteDBClusterSnapshot. */
final class SnapshotActions {
    private SnapshotActions() {
    }

    static void register(Map<String, Action> actions, ControlPlane cp, Shapes shapes) {
        actions.put("CreateDBClusterSnapshot", (p, x) -> shapes.snapshot(x, "DBClusterSnapshot",
                cp.createSnapshot(p.required("DBClusterSnapshotIdentifier"), p.required("DBClusterIdentifier"))));
        actions.put("DescribeDBClusterSnapshots", (p, x) -> {
            x.start("DBClusterSnapshots");
            for (SnapshotRecord s : cp.describeSnapshots(p.string("DBClusterSnapshotIdentifier"), p.string("DBClusterIdentifier"))) {
                shapes.snapshot(x, "DBClusterSnapshot", s);
            }
            x.end();
        });
        actions.put("DeleteDBClusterSnapshot", (p, x) -> shapes.snapshot(x, "DBClusterSnapshot",
                cp.deleteSnapshot(p.required("DBClusterSnapshotIdentifier"))));
    }
}
