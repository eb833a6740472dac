package io.strata.control;

/**
 * A CreateDBCluster request. Null fields take Aurora's defaults (window 0, retention 1 day, a free port).
 */
public record NewCluster(String id, String engine, String engineVersion, String masterUsername,
                         String masterPassword, String databaseName, Long backtrackWindowSeconds,
                         Integer backupRetentionDays, Integer port, boolean deletionProtection) {
}
