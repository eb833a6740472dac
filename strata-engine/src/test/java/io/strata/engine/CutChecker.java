package io.strata.engine;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Volume;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens a volume at a cut (clone at the point, start H2, query, close, delete the clone) and checks the
 * state against a {@link CounterWorkload}: every commit acked at or before the cut is visible, no
 * transaction is half visible (per thread, and across threads on the shared hot rows), and nothing of a
 * rolled-back transaction is visible.
 */
final class CutChecker {

    /** Options for the throwaway engines on clones: no close-time compaction, which only costs time. */
    static final EngineOptions CHECK = EngineOptions.defaults().withCacheSizeMb(8).withMaxCompactTime(Duration.ZERO);

    private final PageStore store;
    private final Volume volume;
    private final CounterWorkload workload;
    private final AtomicLong serial = new AtomicLong();
    final AtomicLong cuts = new AtomicLong();
    final AtomicLong opened = new AtomicLong();
    /** Cuts whose state was a chunk plus commits applied from the redo log at open. */
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong correct = new AtomicLong();
    final AtomicLong lostAcked = new AtomicLong();
    final AtomicLong halfVisible = new AtomicLong();
    final AtomicLong uncommitted = new AtomicLong();
    final List<String> failures = new ArrayList<>();

    CutChecker(PageStore store, Volume volume, CounterWorkload workload) {
        this.store = store;
        this.volume = volume;
        this.workload = workload;
    }

    void check(Lsn cut) {
        cuts.incrementAndGet();
        Volume clone = store.clone(volume, cut, "cut-" + serial.incrementAndGet());
        try (Database db = Database.open(clone, CHECK)) {
            opened.incrementAndGet();
            if (db.replayedCommits() > 0) {
                replayed.incrementAndGet();
            }
            int threads = workload.threads();
            long[] counter = new long[threads];
            long[] rows = new long[threads];
            long[] max = new long[threads];
            long range = CounterWorkload.RANGE;
            long ghostOffset = CounterWorkload.GHOST_OFFSET;
            long ghosts;
            long[] hot = new long[workload.hotRows() + 1];
            long[] hotInLedger = new long[workload.hotRows() + 1];
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT id, n FROM kv WHERE MOD(id, " + range + ") = 0")) {
                    while (r.next()) {
                        counter[(int) (r.getLong(1) / range)] = r.getLong(2);
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT id / " + range + ", COUNT(*), MAX(MOD(id, " + range
                        + ")) FROM kv WHERE MOD(id, " + range + ") BETWEEN 1 AND " + (ghostOffset - 1)
                        + " GROUP BY id / " + range)) {
                    while (r.next()) {
                        rows[r.getInt(1)] = r.getLong(2);
                        max[r.getInt(1)] = r.getLong(3);
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM kv WHERE MOD(id, " + range + ") >= " + ghostOffset)) {
                    r.next();
                    ghosts = r.getLong(1);
                }
                for (int h = 1; h <= workload.hotRows(); h++) {
                    try (ResultSet r = s.executeQuery("SELECT (SELECT n FROM hot WHERE id = " + h + "), (SELECT COUNT(*)"
                            + " FROM kv WHERE MOD(id, " + range + ") BETWEEN 1 AND " + (ghostOffset - 1)
                            + " AND BITAND(hot, " + (1 << (h - 1)) + ") <> 0)")) {
                        r.next();
                        hot[h] = r.getLong(1);
                        hotInLedger[h] = r.getLong(2);
                    }
                }
            }
            boolean ok = true;
            for (int t = 0; t < threads; t++) {
                long needed = workload.ackedBy(t, cut);
                if (counter[t] != rows[t] || rows[t] != max[t]) {
                    halfVisible.incrementAndGet();
                    fail(cut, "thread " + t + " half visible: counter " + counter[t] + ", rows " + rows[t] + ", max " + max[t]);
                    ok = false;
                } else if (counter[t] < needed) {
                    lostAcked.incrementAndGet();
                    fail(cut, "thread " + t + " lost acked commits: visible " + counter[t] + ", acked " + needed);
                    ok = false;
                }
            }
            if (ghosts != 0) {
                uncommitted.incrementAndGet();
                fail(cut, ghosts + " rows of rolled-back transactions visible");
                ok = false;
            }
            for (int h = 1; h <= workload.hotRows(); h++) {
                if (hot[h] != hotInLedger[h]) {
                    halfVisible.incrementAndGet();
                    fail(cut, "hot row " + h + " is " + hot[h] + " but " + hotInLedger[h] + " committed ledger rows name it");
                    ok = false;
                }
            }
            if (ok) {
                correct.incrementAndGet();
            }
        } catch (java.sql.SQLSyntaxErrorException e) {
            if (workload.ackedByAll(cut) == 0 && e.getMessage().contains("not found")) {
                correct.incrementAndGet(); // a cut before the workload created its table
            } else {
                fail(cut, "query failed: " + e);
            }
        } catch (Exception e) {
            fail(cut, "open failed: " + e);
        } finally {
            store.delete(clone);
        }
    }

    private void fail(Lsn cut, String what) {
        synchronized (failures) {
            failures.add(cut + ": " + what);
        }
    }

    String summary() {
        return "cuts=" + cuts + " opened=" + opened + " replayed=" + replayed + " correct=" + correct + " lostAcked=" + lostAcked
                + " halfVisible=" + halfVisible + " uncommitted=" + uncommitted;
    }
}
