package io.strata.control.catalog;

import java.time.Instant;

/**
 * One BacktrackDBCluster request and how it went. {@code status} is Aurora's word: pending, applying,
 * completed or failed. {@code backtrackedFrom} is the cluster's latest point when the backtrack began.
 */
public record BacktrackRecord(String id, String clusterId, Instant backtrackTo, Instant backtrackedFrom,
                              Instant requestCreationTime, String status) {

    public BacktrackRecord with(String newStatus, Instant from) {
        return new BacktrackRecord(id, clusterId, backtrackTo, from, requestCreationTime, newStatus);
    }
}
