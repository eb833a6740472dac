package io.strata.client;

import io.strata.client.wire.Shape;

import java.time.Instant;

/**
 * One backtrack of a cluster: rewound in place to {@code to} (the time asked for, or the earliest one), from
 * the state current at {@code from}. {@code status} is completed, failed, applying or pending.
 */
public record Backtrack(String id, ClusterId cluster, Instant to, Instant from, Instant requested, String status,
                        Shape shape) {
    static Backtrack from(Shape b) {
        return new Backtrack(b.get("BacktrackIdentifier"), ClusterId.of(b.get("DBClusterIdentifier")),
                Cluster.time(b, "BacktrackTo"), Cluster.time(b, "BacktrackedFrom"),
                Cluster.time(b, "BacktrackRequestCreationTime"), b.get("Status"), b);
    }

    public boolean completed() {
        return status.equals("completed");
    }
}
