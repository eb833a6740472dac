package io.strata.control;

import io.strata.control.catalog.BacktrackRecord;
import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.storage.NoSuchPointException;
import io.strata.storage.RestorableRange;
import io.strata.storage.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * BacktrackDBCluster and DescribeDBClusterBacktracks. A backtrack closes every connection to the cluster
 * (its endpoint and engine close), rewinds the volume, and reopens the endpoint.
 */
final class BacktrackOps {
    private static final Logger LOG = LoggerFactory.getLogger(BacktrackOps.class);
    private final Context ctx;

    BacktrackOps(Context ctx) {
        this.ctx = ctx;
    }

    BacktrackRecord backtrack(BacktrackRequest req) {
        ClusterRecord c = ctx.cluster(req.clusterId());
        ctx.requireStatus(c, ClusterStatus.AVAILABLE, "BacktrackDBCluster");
        if (c.backtrackWindowSeconds() == 0) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("Backtrack is not enabled for DB cluster " + c.id()
                    + ": set a BacktrackWindow (ModifyDBCluster) first.");
        }
        if (req.backtrackTo() == null) {
            throw Fault.MISSING_PARAMETER.error("The parameter BacktrackTo must be provided.");
        }
        Instant now = Instant.now();
        if (req.backtrackTo().isAfter(now)) {
            throw Fault.INVALID_PARAMETER_VALUE.error("BacktrackTo " + req.backtrackTo() + " is in the future.");
        }
        Volume volume = ctx.volume(c);
        RestorableRange range = volume.range();
        // Both bounds at the API's precision (ms, rounded up): the EarliestBacktrackTime shown is accepted. The
        // window start moves with the clock, so it is taken with WINDOW_SLACK; the volume's first point (a clone's
        // creation) is a hard bound.
        Instant earliest = Context.earliestBacktrack(c, range, now);
        Instant hardEarliest = Context.ceilMillis(range.earliestRestorable());
        Instant to = req.backtrackTo();
        boolean reachable = !to.isBefore(hardEarliest) && !to.isBefore(earliest.minus(Context.WINDOW_SLACK));
        if (!reachable) {
            if (!req.useEarliestTimeOnPointInTimeUnavailable()) {
                throw Fault.INVALID_PARAMETER_VALUE.error("BacktrackTo " + to + " is before the earliest backtrack time "
                        + earliest + " of DB cluster " + c.id() + " (its backtrack window, or its creation for a clone);"
                        + " pass UseEarliestTimeOnPointInTimeUnavailable to backtrack to the earliest time.");
            }
            to = earliest;
        }
        BacktrackRecord record = new BacktrackRecord("backtrack-" + UUID.randomUUID(), c.id(), to,
                volume.latestPoint().time(), now, "applying");
        // Record the half-done state first, so a crash mid-way is resolved at open instead of forgotten.
        ctx.catalog.put(record);
        ctx.catalog.put(c.withStatus(ClusterStatus.BACKTRACKING));
        ctx.catalog.commit();
        RuntimeException failure = null;
        long t0 = System.nanoTime();
        long stopped = t0;
        long rewound = t0;
        try {
            ctx.endpoints.stop(c.id());
            stopped = System.nanoTime();
            volume.backtrack(to);
            ctx.store.sync();
            rewound = System.nanoTime();
            record = record.with("completed", record.backtrackedFrom());
        } catch (RuntimeException e) {
            LOG.error("backtrack of {} to {} failed", c.id(), to, e);
            failure = e;
            record = record.with("failed", record.backtrackedFrom());
        }
        // As Aurora, a failed backtrack stays in the cluster's backtrack list; the cluster serves again either way.
        ctx.catalog.put(record);
        ctx.catalog.put(c);
        ctx.catalog.commit();
        long recorded = System.nanoTime();
        try {
            ctx.startIfServing(c);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure == null) {
            long started = System.nanoTime();
            LOG.info("backtracked {} to {} in {} ms (stop {} ms, rewind {} ms, record {} ms, start {} ms)", c.id(), to,
                    ms(started - t0), ms(stopped - t0), ms(rewound - stopped), ms(recorded - rewound), ms(started - recorded));
        }
        if (failure instanceof NoSuchPointException) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Backtrack " + record.id() + " of DB cluster " + c.id() + " to "
                    + to + " failed: " + failure.getMessage() + ". The cluster is unchanged; choose a later BacktrackTo.");
        }
        if (failure != null) {
            throw new ControlException(Fault.ENDPOINT_UNAVAILABLE, "Backtrack " + record.id() + " of DB cluster " + c.id()
                    + " to " + to + " failed: " + failure.getMessage() + ". The cluster is unchanged and serves again;"
                    + " DescribeDBClusterBacktracks lists the backtrack as failed.", failure);
        }
        return record;
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    List<BacktrackRecord> describe(String clusterId, String backtrackId) {
        ClusterRecord c = ctx.cluster(clusterId);
        List<BacktrackRecord> all = ctx.catalog.backtracksOf(c.id()).stream()
                .filter(b -> backtrackId == null || b.id().equals(backtrackId))
                .sorted(Comparator.comparing(BacktrackRecord::requestCreationTime).reversed())
                .toList();
        if (backtrackId != null && all.isEmpty()) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Backtrack " + backtrackId + " not found for DB cluster " + c.id() + ".");
        }
        return all;
    }

    /** At open: a backtrack cut short by a crash either reached storage (completed) or did not (failed). */
    static String resolveAfterCrash(BacktrackRecord b, Volume volume) {
        boolean done = volume.backtracks().stream().anyMatch(s -> !s.createdTime().isBefore(b.requestCreationTime()));
        return done ? "completed" : "failed";
    }
}
