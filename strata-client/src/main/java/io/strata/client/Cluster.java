package io.strata.client;

import io.strata.client.wire.Shape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DB cluster as DescribeDBClusters shows it.
 *
 * @param endpoint           where it answers MySQL (answers only while it has an instance: {@link #instances()})
 * @param databaseName       the cluster's initial database, or "" if none was given
 * @param instances          its instances' identifiers
 * @param earliestBacktrack  null when backtrack is off (window 0)
 * @param tags               its RDS tags, including {@link Tags#TTL} and {@link Tags#EXPIRES_AT} when it has a TTL
 * @param shape              the DBCluster element as the API sent it, every field under the API's names
 */
public record Cluster(ClusterId id, String status, Endpoint endpoint, String databaseName, List<String> instances,
                      Instant created, Instant earliestRestorable, Instant latestRestorable, Instant earliestBacktrack,
                      long backtrackWindowSeconds, boolean deletionProtection, Map<String, String> tags, Shape shape) {

    static Cluster from(Shape c) {
        List<String> members = new ArrayList<>();
        for (Shape m : c.list("DBClusterMembers")) {
            members.add(m.get("DBInstanceIdentifier"));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Shape t : c.list("TagList")) {
            tags.put(t.get("Key"), t.get("Value"));
        }
        String port = c.get("Port");
        return new Cluster(ClusterId.of(c.get("DBClusterIdentifier")), c.get("Status"),
                new Endpoint(c.get("Endpoint"), port.isEmpty() ? 0 : Integer.parseInt(port), c.get("MasterUsername")),
                c.get("DatabaseName"), List.copyOf(members), time(c, "ClusterCreateTime"),
                time(c, "EarliestRestorableTime"), time(c, "LatestRestorableTime"), time(c, "EarliestBacktrackTime"),
                c.get("BacktrackWindow").isEmpty() ? 0 : Long.parseLong(c.get("BacktrackWindow")),
                Boolean.parseBoolean(c.get("DeletionProtection")), Collections.unmodifiableMap(tags), c);
    }

    static Instant time(Shape s, String field) {
        String v = s.get(field);
        return v.isEmpty() ? null : Instant.parse(v);
    }

    /** Available, with an instance: its endpoint accepts connections. */
    public boolean isServing() {
        return status.equals("available") && !instances.isEmpty();
    }

    /** How far a full-copy restore into it has come (0-100), while its status is {@code creating}. */
    public java.util.OptionalInt percentProgress() {
        String v = shape.get("PercentProgress");
        return v.isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(v));
    }

    /** When the server will delete it ({@link Tags#TTL}), if it has a time-to-live. */
    public Optional<Instant> expiresAt() {
        String v = tags.get(Tags.EXPIRES_AT);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(v));
    }
}
