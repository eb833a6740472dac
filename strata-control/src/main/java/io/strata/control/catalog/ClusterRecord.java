package io.strata.control.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One DB cluster as the catalog keeps it. Immutable: changes make a new record ({@code with...}).
 *
 * @param id                       the DBClusterIdentifier (lower case)
 * @param volumeName               the storage volume holding the cluster's data
 * @param port                     the cluster's own MySQL port; fixed for the cluster's life, across restarts
 * @param backtrackWindowSeconds   0 disables backtrack; at most {@code BacktrackRules.MAX_WINDOW_SECONDS}
 * @param backupRetentionDays      how far back point-in-time restore reaches
 * @param cloneGroupId             shared by a cluster and its copy-on-write clones
 * @param sourceClusterId          the cluster this one was restored from, or null
 * @param restoreType              "copy-on-write" or "full-copy" when restored, else null
 * @param tags                     the cluster's RDS tags as given (key to value, in the order given); never null
 * @param expiresAt                when the server deletes the cluster (from the {@code strata:ttl} tag), or null.
 *                                 Absolute, so a restart keeps the deadline the client was promised.
 */
public record ClusterRecord(String id, String volumeName, int port, String engine, String engineVersion,
                            String masterUsername, String masterPassword, String databaseName,
                            long backtrackWindowSeconds, int backupRetentionDays, boolean deletionProtection,
                            ClusterStatus status, Instant createdTime, String cloneGroupId,
                            String sourceClusterId, String restoreType, Map<String, String> tags, Instant expiresAt) {

    public ClusterRecord {
        // Catalogs written before tags existed have none.
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public ClusterRecord withStatus(ClusterStatus s) {
        return new ClusterRecord(id, volumeName, port, engine, engineVersion, masterUsername, masterPassword,
                databaseName, backtrackWindowSeconds, backupRetentionDays, deletionProtection, s, createdTime,
                cloneGroupId, sourceClusterId, restoreType, tags, expiresAt);
    }

    public ClusterRecord withTags(Map<String, String> newTags, Instant newExpiresAt) {
        return new ClusterRecord(id, volumeName, port, engine, engineVersion, masterUsername, masterPassword,
                databaseName, backtrackWindowSeconds, backupRetentionDays, deletionProtection, status, createdTime,
                cloneGroupId, sourceClusterId, restoreType, newTags, newExpiresAt);
    }

    public ClusterRecord withSettings(long window, String password, boolean protection) {
        return new ClusterRecord(id, volumeName, port, engine, engineVersion, masterUsername, password,
                databaseName, window, backupRetentionDays, protection, status, createdTime,
                cloneGroupId, sourceClusterId, restoreType, tags, expiresAt);
    }

    /** True for a live copy-on-write clone of {@code source} (not of an earlier cluster that had its name). */
    public boolean isCopyOnWriteCloneOf(ClusterRecord source) {
        return source.id.equals(sourceClusterId) && source.cloneGroupId.equals(cloneGroupId)
                && "copy-on-write".equals(restoreType);
    }
}
