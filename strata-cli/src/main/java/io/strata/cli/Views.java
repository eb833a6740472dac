package io.strata.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** How the verbs show clusters, snapshots and backtracks to people, and as JSON with {@code --json}. */
final class Views {
    private Views() {
    }

    static void clusters(ApiOptions o, ApiNode describeResult) {
        if (o.json()) {
            Output.json(o.out(), describeResult);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ApiNode c : describeResult.list("DBClusters")) {
            rows.add(List.of(c.get("DBClusterIdentifier"), c.get("Status"), c.get("Endpoint") + ":" + c.get("Port"),
                    Integer.toString(c.list("DBClusterMembers").size()), c.get("BacktrackWindow") + "s",
                    c.get("ClusterCreateTime")));
        }
        Output.table(o.out(), List.of("NAME", "STATUS", "ENDPOINT", "INSTANCES", "BACKTRACK_WINDOW", "CREATED"), rows);
    }

    /** One shape (a DBCluster, a DBClusterSnapshot, a backtrack result): its fields, or the shape as JSON. */
    static void shape(ApiOptions o, ApiNode shape) {
        if (o.json()) {
            Output.json(o.out(), shape);
        } else {
            Output.fields(o.out(), shape, "");
        }
    }

    /** Describes one cluster and shows it (after an action, so members and times are current). */
    static void cluster(ApiOptions o, ApiClient api, String name) {
        shape(o, api.call("DescribeDBClusters", "DBClusterIdentifier", name).list("DBClusters").get(0));
    }

    static void backtracks(ApiOptions o, ApiNode result) {
        if (o.json()) {
            Output.json(o.out(), result);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ApiNode b : result.list("DBClusterBacktracks")) {
            rows.add(List.of(b.get("BacktrackIdentifier"), b.get("Status"), b.get("BacktrackTo"), b.get("BacktrackedFrom"),
                    b.get("BacktrackRequestCreationTime")));
        }
        Output.table(o.out(), List.of("ID", "STATUS", "BACKTRACK_TO", "BACKTRACKED_FROM", "REQUESTED"), rows);
    }

    static void snapshots(ApiOptions o, ApiNode result) {
        if (o.json()) {
            Output.json(o.out(), result);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ApiNode s : result.list("DBClusterSnapshots")) {
            rows.add(List.of(s.get("DBClusterSnapshotIdentifier"), s.get("DBClusterIdentifier"), s.get("Status"),
                    s.get("SnapshotCreateTime")));
        }
        Output.table(o.out(), List.of("NAME", "CLUSTER", "STATUS", "CREATED"), rows);
    }

    static void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
