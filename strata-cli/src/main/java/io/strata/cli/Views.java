package io.strata.cli;

import io.strata.client.Backtrack;
import io.strata.client.Cluster;
import io.strata.client.Snapshot;
import io.strata.client.wire.Shape;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How the verbs show clusters, snapshots and backtracks to people, and as JSON with {@code --json}. */
final class Views {
    private Views() {
    }

    static void clusters(ApiOptions o, List<Cluster> clusters) {
        if (o.json()) {
            Output.json(o.out(), result("DBClusters", clusters, Cluster::shape));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Cluster c : clusters) {
            rows.add(List.of(c.id().value(), c.status(), c.endpoint().host() + ":" + c.endpoint().port(),
                    Integer.toString(c.instances().size()), c.backtrackWindowSeconds() + "s",
                    c.created() == null ? "" : c.created().toString(),
                    c.expiresAt().map(Object::toString).orElse("-")));
        }
        Output.table(o.out(), List.of("NAME", "STATUS", "ENDPOINT", "INSTANCES", "BACKTRACK_WINDOW", "CREATED", "EXPIRES"), rows);
    }

    /** One shape (a DBCluster, a DBClusterSnapshot, a backtrack result): its fields, or the shape as JSON. */
    static void shape(ApiOptions o, Shape shape) {
        if (o.json()) {
            Output.json(o.out(), shape);
        } else {
            Output.fields(o.out(), shape, "");
        }
    }

    static void backtracks(ApiOptions o, List<Backtrack> backtracks) {
        if (o.json()) {
            Output.json(o.out(), result("DBClusterBacktracks", backtracks, Backtrack::shape));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Backtrack b : backtracks) {
            rows.add(List.of(b.id(), b.status(), text(b.to()), text(b.from()), text(b.requested())));
        }
        Output.table(o.out(), List.of("ID", "STATUS", "BACKTRACK_TO", "BACKTRACKED_FROM", "REQUESTED"), rows);
    }

    static void snapshots(ApiOptions o, List<Snapshot> snapshots) {
        if (o.json()) {
            Output.json(o.out(), result("DBClusterSnapshots", snapshots, Snapshot::shape));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Snapshot s : snapshots) {
            rows.add(List.of(s.id().value(), s.cluster().value(), s.status(), text(s.created())));
        }
        Output.table(o.out(), List.of("NAME", "CLUSTER", "STATUS", "CREATED"), rows);
    }

    /** A describe result as the API sends it: one list element holding the shapes. */
    private static <T> Shape result(String listName, List<T> items, Function<T, Shape> shape) {
        return new Shape("Result", "", List.of(new Shape(listName, "", items.stream().map(shape).toList())));
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    static void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
