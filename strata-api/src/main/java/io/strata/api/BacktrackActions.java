package io.strata.api;

import io.strata.control.BacktrackRequest;
import io.strata.control.ControlPlane;
import io.strata.control.catalog.BacktrackRecord;

import java.util.Map;

/** BacktrackDBCluster and DescribeDBClusterBacktracks. */
final class BacktrackActions {
    private BacktrackActions() {
    }

    static void register(Map<String, Action> actions, ControlPlane cp, Shapes shapes) {
        actions.put("BacktrackDBCluster", (p, x) -> shapes.backtrackFields(x, cp.backtrack(new BacktrackRequest(
                p.required("DBClusterIdentifier"), p.optionalTime("BacktrackTo"),
                p.bool("UseEarliestTimeOnPointInTimeUnavailable")))));
        actions.put("DescribeDBClusterBacktracks", (p, x) -> {
            x.start("DBClusterBacktracks");
            for (BacktrackRecord b : cp.describeBacktracks(p.required("DBClusterIdentifier"), p.string("BacktrackIdentifier"))) {
                x.start("DBClusterBacktrack");
                shapes.backtrackFields(x, b);
                x.end();
            }
            x.end();
        });
    }
}
