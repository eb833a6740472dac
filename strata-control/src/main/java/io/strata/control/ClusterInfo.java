package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.InstanceRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster as DescribeDBClusters shows it: the catalog record plus what is computed at the moment of asking.
 * Times are whole milliseconds (earliest rounded up, latest down), null while the cluster has no data
 * (creating, failed).
 *
 * @param earliestBacktrack null when backtrack is disabled (window 0)
 * @param percentProgress   how far a full-copy restore into this cluster has come (0-100), null when none runs
 */
public record ClusterInfo(ClusterRecord record, List<InstanceRecord> members, String endpointAddress,
                          Instant earliestRestorable, Instant latestRestorable, Instant earliestBacktrack,
                          Integer percentProgress) {

    /** The tags as DescribeDBClusters lists them: the cluster's own, then {@code strata:expires-at} if it expires. */
    public Map<String, String> tagList() {
        Map<String, String> shown = new LinkedHashMap<>(record.tags());
        if (record.expiresAt() != null) {
            shown.put(Ttl.EXPIRES_TAG, record.expiresAt().truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return shown;
    }
}
