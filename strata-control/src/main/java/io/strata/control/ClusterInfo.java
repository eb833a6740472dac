package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.InstanceRecord;

import java.time.Instant;
import java.util.List;

/**
 * A cluster as DescribeDBClusters shows it: the catalog record plus what is computed at the moment of asking.
 *
 * @param earliestBacktrack null when backtrack is disabled (window 0)
 */
public record ClusterInfo(ClusterRecord record, List<InstanceRecord> members, String endpointAddress,
                          Instant earliestRestorable, Instant latestRestorable, Instant earliestBacktrack) {
}
