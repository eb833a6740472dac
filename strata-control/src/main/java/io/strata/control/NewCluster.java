package io.strata.control;

import java.util.Map;

/**
 * A CreateDBCluster request. Null fields take Aurora's defaults (window 0, retention 1 day, a free port).
 * {@code tags} may hold {@code strata:ttl}, the cluster's time-to-live.
 */
public record NewCluster(String id, String engine, String engineVersion, String masterUsername,
                         String masterPassword, String databaseName, Long backtrackWindowSeconds,
                         Integer backupRetentionDays, Integer port, boolean deletionProtection,
                         Map<String, String> tags) {

    /** A request without tags. */
    public NewCluster(String id, String engine, String engineVersion, String masterUsername, String masterPassword,
                      String databaseName, Long backtrackWindowSeconds, Integer backupRetentionDays, Integer port,
                      boolean deletionProtection) {
        this(id, engine, engineVersion, masterUsername, masterPassword, databaseName, backtrackWindowSeconds,
                backupRetentionDays, port, deletionProtection, Map.of());
    }
}
