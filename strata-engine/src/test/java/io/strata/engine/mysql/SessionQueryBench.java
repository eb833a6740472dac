package io.strata.engine.mysql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microseconds per statement through {@link MySqlSession} on a {@link Database} (no wire protocol): the
 * sysbench-style point select and read-write transaction of bench-oltp, as Connector/J's client-side prepared
 * statements send them (literals in the text). A measurement, not a check: runs only with
 * {@code -Dstrata.bench=true} ({@code -Dstrata.bench.millis=}, {@code -Dstrata.bench.rows=}).
 */
class SessionQueryBench {

    @TempDir
    Path dir;

    @Test
    void statementsThroughTheSession() throws Exception {
        assumeTrue(Boolean.getBoolean("strata.bench"), "bench only");
        long millis = Long.getLong("strata.bench.millis", 5_000);
        int rows = Integer.getInteger("strata.bench.rows", 10_000);
        try (PageStore store = PageStore.open(dir.resolve("b"), StoreOptions.defaults())) {
            Volume volume = store.createVolume("bench", VolumeOptions.defaults());
            try (Database db = Database.open(volume, EngineOptions.defaults());
                 MySqlSession s = new MySqlSession(db.open(), new SessionRegistry(), 1, "root", "localhost", () -> { })) {
                s.execute("CREATE DATABASE sbtest");
                s.useDatabase("sbtest");
                s.execute("CREATE TABLE sbtest1 (id INT AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL DEFAULT 0,"
                        + " c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '')");
                for (int b = 0; b < rows; b += 1000) {
                    StringBuilder sql = new StringBuilder("INSERT INTO sbtest1 (id, k, c, pad) VALUES ");
                    for (int i = b + 1; i <= b + 1000; i++) {
                        sql.append(i == b + 1 ? "" : ",").append('(').append(i).append(',').append(i * 7 % rows)
                                .append(",'").append("12345678901-".repeat(9)).append("','").append("pad-".repeat(10))
                                .append("')");
                    }
                    s.execute(sql.toString());
                }
                s.execute("CREATE INDEX k_1 ON sbtest1(k)");
                try (java.sql.Connection raw = db.open()) {
                    raw.setSchema("sbtest");
                    for (int round = 0; round < 3; round++) {
                        point(s, rows, millis);
                        pointRaw(raw, rows, millis);
                        readWrite(s, rows, millis);
                    }
                }
            }
        }
    }

    private static void point(MySqlSession s, int rows, long millis) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long end = System.nanoTime() + millis * 1_000_000, n = 0, start = System.nanoTime();
        while (System.nanoTime() < end) {
            s.execute("SELECT c FROM sbtest1 WHERE id=" + (1 + r.nextInt(rows)));
            n++;
        }
        System.out.printf("bench: point_select %.1f us/op%n", (System.nanoTime() - start) / 1000.0 / n);
    }

    /**
     * The same point select sent as text straight to H2 on the same database (no MySQL semantics layer, no
     * statement shapes): what the layer costs or saves per query (issue: "nothing here slows point selects").
     */
    private static void pointRaw(java.sql.Connection c, int rows, long millis) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long end = System.nanoTime() + millis * 1_000_000, n = 0, start = System.nanoTime();
        try (java.sql.Statement st = c.createStatement()) {
            while (System.nanoTime() < end) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT c FROM sbtest1 WHERE id=" + (1 + r.nextInt(rows)))) {
                    rs.next();
                    rs.getString(1);
                }
                n++;
            }
        }
        System.out.printf("bench: point_select straight to H2 (no MySQL layer) %.1f us/op%n", (System.nanoTime() - start) / 1000.0 / n);
    }

    private static void readWrite(MySqlSession s, int rows, long millis) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        s.execute("SET autocommit=0");
        long end = System.nanoTime() + millis * 1_000_000, n = 0, start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10; i++) s.execute("SELECT c FROM sbtest1 WHERE id=" + (1 + r.nextInt(rows)));
            int lo = 1 + r.nextInt(rows - 100);
            s.execute("SELECT c FROM sbtest1 WHERE id BETWEEN " + lo + " AND " + (lo + 99));
            s.execute("UPDATE sbtest1 SET k=k+1 WHERE id=" + (1 + r.nextInt(rows)));
            s.execute("UPDATE sbtest1 SET c='" + r.nextLong() + "' WHERE id=" + (1 + r.nextInt(rows)));
            int id = 1 + r.nextInt(rows);
            s.execute("DELETE FROM sbtest1 WHERE id=" + id);
            s.execute("INSERT INTO sbtest1 (id, k, c, pad) VALUES (" + id + ", 5, 'c', 'pad')");
            s.execute("COMMIT");
            n++;
        }
        s.execute("SET autocommit=1");
        System.out.printf("bench: read_write %.1f us/txn%n", (System.nanoTime() - start) / 1000.0 / n);
    }
}
