package io.strata.client;

/**
 * The RDS tags Strata gives a meaning to. They travel as ordinary RDS tags ({@code Tags.Tag.N.Key/Value}), so
 * the real AWS SDK sets them unchanged.
 */
public final class Tags {
    /**
     * Time-to-live of a cluster: seconds ({@code 3600}) or a number with a unit ({@code 90s}, {@code 30m},
     * {@code 2h}, {@code 1d}). Given at creation (CreateDBCluster, RestoreDBClusterToPointInTime,
     * RestoreDBClusterFromSnapshot) or later (AddTagsToResource, counted from then), the server deletes the
     * cluster and its instances once it has passed.
     */
    public static final String TTL = "strata:ttl";

    /** Set by the server beside {@link #TTL}: the absolute expiry, ISO-8601 UTC. Read-only. */
    public static final String EXPIRES_AT = "strata:expires-at";

    private Tags() {
    }
}
