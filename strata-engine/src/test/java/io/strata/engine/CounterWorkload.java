package io.strata.engine;

import io.strata.storage.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Committers for crash tests. Thread t owns key range t*10M+1.. and a counter row t*10M; its transaction
 * i inserts row t*10M+i and sets the counter to i, in one commit. So in any state that is a committed
 * prefix with no half-done transaction, per thread: counter == rows == max(i).
 */
final class CounterWorkload {

    static final long RANGE = 10_000_000L;

    private final Database db;
    private final int threads;
    /** acked.get(t).get(i - 1): the lsn of the point that made thread t's commit i durable. */
    private final List<List<Lsn>> acked = new ArrayList<>();

    CounterWorkload(Database db, int threads) throws SQLException {
        this.db = db;
        this.threads = threads;
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, n BIGINT, pad VARCHAR(200))");
            for (int t = 0; t < threads; t++) {
                s.executeUpdate("INSERT INTO kv VALUES (" + t * RANGE + ", 0, 'counter')");
                acked.add(new ArrayList<>());
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
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO kv VALUES (?, ?, ?)");
            PreparedStatement bump = c.prepareStatement("UPDATE kv SET n = ? WHERE id = ?");
            String pad = "x".repeat(100);
            for (long i = 1; !stop.getAsBoolean(); i++) {
                insert.setLong(1, t * RANGE + i);
                insert.setLong(2, i);
                insert.setString(3, pad);
                insert.executeUpdate();
                bump.setLong(1, i);
                bump.setLong(2, t * RANGE);
                bump.executeUpdate();
                c.commit();
                Lsn ack = db.lastAckedPointOfThisThread().lsn();
                synchronized (mine) {
                    mine.add(ack);
                }
            }
        }
    }

    int threads() {
        return threads;
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
