package io.strata.control;

import java.time.Instant;

/** A BacktrackDBCluster request. */
public record BacktrackRequest(String clusterId, Instant backtrackTo, boolean useEarliestTimeOnPointInTimeUnavailable) {
}
