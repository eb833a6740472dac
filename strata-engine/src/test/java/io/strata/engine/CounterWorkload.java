package io.strata.engine;

import io.strata.storage.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Committers for crash tests, optionally contending for shared rows.
 *
 * <p>Thread t owns key range t*10M+1.. and a counter row t*10M; its committed transaction i inserts ledger
 * row t*10M+i and sets the counter to i. So in any state that is a committed prefix with no half-done
 * transaction, per thread: counter == ledger rows == max(i).
 *
 * <p>With {@code hotRows > 0} the threads also fight over shared rows: every other transaction adds 1 to
 * one or two of the hot rows (in random order, so two transactions can deadlock) and records which ones in
 * its ledger row (a bit mask in column {@code hot}); some hold those row locks across a short pause before
 * committing, so others wait for them. A hot row's {@code n} therefore equals the number of committed ledger
 * rows naming it, in every state without a half transaction. And every ninth transaction does the same work
 * in a <em>ghost</em> row (t*10M+5M+j) and then rolls back: no ghost row may ever be visible.
 * A transaction chosen as a deadlock victim is retried.
 */
final class CounterWorkload {

    static final long RANGE = 10_000_000L;
    /** Ledger ids below this offset (within a thread's range), ghost ids at or above it. */
    static final long GHOST_OFFSET = 5_000_000L;

    private final Database db;
    private final int threads;
    private final int hotRows;
    /** acked.get(t).get(i - 1): the lsn of the point that made thread t's commit i durable. */
    private final List<List<Lsn>> acked = new ArrayList<>();
    private final AtomicLong rollbacks = new AtomicLong();
    private final AtomicLong deadlockRetries = new AtomicLong();

    CounterWorkload(Database db, int threads) throws SQLException {
        this(db, threads, 0);
    }

    CounterWorkload(Database db, int threads, int hotRows) throws SQLException {
        this.db = db;
        this.threads = threads;
        this.hotRows = hotRows;
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, n BIGINT, hot INT, pad VARCHAR(200))");
            s.execute("CREATE TABLE hot (id INT PRIMARY KEY, n BIGINT)");
            for (int t = 0; t < threads; t++) {
                s.executeUpdate("INSERT INTO kv VALUES (" + t * RANGE + ", 0, 0, 'counter')");
                acked.add(new ArrayList<>());
            }
            for (int h = 1; h <= hotRows; h++) {
                s.executeUpdate("INSERT INTO hot VALUES (" + h + ", 0)");
            }
        }
    }

    /** Runs every committer until {@code stop} says so; rethrows the first failure. */
    void run(BooleanSupplier stop) throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                try {
                    commitUntil(thread, stop);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "committer-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private void commitUntil(int t, BooleanSupplier stop) throws SQLException {
        List<Lsn> mine = acked.get(t);
        Random random = new Random(t);
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?, ?, ?)");
            PreparedStatement bump = c.prepareStatement("UPDATE kv SET n = ? WHERE id = ?");
            PreparedStatement heat = c.prepareStatement("UPDATE hot SET n = n + 1 WHERE id = ?");
            String pad = "x".repeat(100);
            long ghosts = 0;
            long attempt = 0;
            for (long i = 1; !stop.getAsBoolean(); ) {
                attempt++;
                boolean ghost = hotRows > 0 && attempt % 9 == 0;
                int mask = hotRows > 0 && (ghost || i % 2 == 0) ? 1 + random.nextInt((1 << Math.min(hotRows, 2)) - 1) : 0;
                long id = ghost ? t * RANGE + GHOST_OFFSET + ++ghosts : t * RANGE + i;
                try {
                    insert.setLong(1, id);
                    insert.setLong(2, i);
                    insert.setInt(3, mask);
                    insert.setString(4, pad);
                    insert.executeUpdate();
                    bump.setLong(1, i);
                    bump.setLong(2, t * RANGE);
                    bump.executeUpdate();
                    boolean reversed = random.nextBoolean();
                    for (int k = 0; k < 2; k++) {
                        int h = reversed ? 1 - k : k;
                        if ((mask & (1 << h)) != 0) {
                            heat.setInt(1, h + 1);
                            heat.executeUpdate();
                        }
                    }
                    if (mask != 0 && random.nextInt(4) == 0) {
                        LockSupport.parkNanos(random.nextInt(2_000_000)); // others queue for the hot rows meanwhile
                    }
                    if (ghost) {
                        c.rollback();
                        rollbacks.incrementAndGet();
                        continue;
                    }
                    c.commit();
                } catch (SQLException e) {
                    if (e.getErrorCode() != 40001) {
                        throw e;
                    }
                    deadlockRetries.incrementAndGet(); // the engine rolled the victim back: try again
                    c.rollback();
                    continue;
                }
                Lsn ack = db.lastAckedPointOfThisThread().lsn();
                synchronized (mine) {
                    mine.add(ack);
                }
                i++;
            }
        }
    }

    int threads() {
        return threads;
    }

    int hotRows() {
        return hotRows;
    }

    long rollbacks() {
        return rollbacks.get();
    }

    long deadlockRetries() {
        return deadlockRetries.get();
    }

    long commits() {
        long n = 0;
        for (List<Lsn> l : acked) {
            synchronized (l) {
                n += l.size();
            }
        }
        return n;
    }

    /** How many of thread t's commits were acked by a point at or before {@code cut}. */
    long ackedBy(int t, Lsn cut) {
        List<Lsn> l = acked.get(t);
        synchronized (l) {
            int lo = 0;
            int hi = l.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (l.get(mid).compareTo(cut) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** How many commits of all threads were acked at or before {@code cut}. */
    long ackedByAll(Lsn cut) {
        long n = 0;
        for (int t = 0; t < threads; t++) {
            n += ackedBy(t, cut);
        }
        return n;
    }

    /** Every lsn that acked some commit, in order. */
    List<Lsn> ackPoints() {
        List<Lsn> all = new ArrayList<>();
        for (List<Lsn> l : acked) {
            synchronized (l) {
                all.addAll(l);
            }
        }
        return all;
    }
}
