package io.strata.control;

/** A ModifyDBCluster request; null fields are left as they are. */
public record ClusterChange(String clusterId, Long backtrackWindowSeconds, String masterPassword,
                            Boolean deletionProtection) {
}
