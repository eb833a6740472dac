package io.strata.client.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Fills a database to a requested size, fast, for benchmarks and demos: a first batch of rows sent as multi-row
 * INSERTs, then copies made inside the engine ({@code INSERT ... SELECT}), which is much faster than the wire.
 * Two kinds:
 * <ul>
 *   <li>{@link Kind#SYSBENCH}: sysbench's OLTP tables {@code sbtest1..N} ({@code id, k, c CHAR(120), pad CHAR(60)},
 *       random digit groups as sysbench writes them), created in the given database;</li>
 *   <li>{@link Kind#SAKILA}: a Sakila database (already imported, e.g. with {@code strata import}) scaled up by
 *       copying its rental history, each copy shifted in time so Sakila's unique key holds (up to about
 *       5 GB).</li>
 * </ul>
 * The size is the data's logical size: the bytes of the generated column values (188 per sysbench row, 40 per
 * Sakila rental), unless a size probe is given (the benchmarks measure the volume instead).
 *
 * <p>Not thread-safe: a generator and its connection belong to one thread.
 */
public final class DataGenerator {
    /** What to generate. */
    public enum Kind { SYSBENCH, SAKILA }

    /** Progress: bytes so far (by the size measure in use), the target, rows inserted, elapsed nanoseconds. */
    public record Progress(long bytes, long target, long rows, long elapsedNanos) {
    }

    static final int SYSBENCH_ROW_BYTES = 4 + 4 + 120 + 60;
    static final int SAKILA_ROW_BYTES = 40;
    static final long SAKILA_STRIDE = 100_000;
    static final long SAKILA_MAX_COPIES = 9_000;
    private static final int SEED_ROWS_PER_INSERT = 500;
    private static final long COPY_ROWS = 50_000;

    private final Connection c;
    private final Kind kind;
    private final String database;
    private int tables = 1;
    private LongSupplier sizeProbe;
    private Consumer<Progress> progress = p -> { };
    private long rows;
    private long t0;

    private DataGenerator(Connection c, Kind kind, String database) {
        this.c = c;
        this.kind = kind;
        this.database = database;
    }

    /** A generator writing {@code kind} into {@code database} (created for sysbench if missing). */
    public static DataGenerator of(Connection c, Kind kind, String database) {
        return new DataGenerator(c, kind, database);
    }

    /** Sysbench: how many sbtest tables to spread the rows over (default 1). */
    public DataGenerator tables(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("tables must be between 1 and 64: " + n);
        }
        this.tables = n;
        return this;
    }

    /** Measure size with this instead of the logical bytes generated (e.g. the volume's size, in process). */
    public DataGenerator sizeProbe(LongSupplier probe) {
        this.sizeProbe = probe;
        return this;
    }

    public DataGenerator progress(Consumer<Progress> listener) {
        this.progress = listener;
        return this;
    }

    /** Generates until the size reaches {@code targetBytes}; returns the final progress. */
    public Progress fill(long targetBytes) throws SQLException {
        t0 = System.nanoTime();
        rows = 0;
        try (Statement st = c.createStatement()) {
            if (kind == Kind.SYSBENCH) {
                sysbench(st, targetBytes);
            } else {
                sakila(st, targetBytes);
            }
        }
        return report(targetBytes);
    }

    private long size() {
        return sizeProbe != null ? sizeProbe.getAsLong()
                : rows * (kind == Kind.SYSBENCH ? SYSBENCH_ROW_BYTES : SAKILA_ROW_BYTES);
    }

    private Progress report(long target) {
        Progress p = new Progress(size(), target, rows, System.nanoTime() - t0);
        progress.accept(p);
        return p;
    }

    private void sysbench(Statement st, long target) throws SQLException {
        st.execute("CREATE DATABASE IF NOT EXISTS " + database);
        st.execute("USE " + database);
        long[] count = new long[tables + 1];
        for (int t = 1; t <= tables; t++) {
            st.execute("CREATE TABLE IF NOT EXISTS sbtest" + t + " (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL DEFAULT 0,"
                    + " c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', PRIMARY KEY (id), KEY k_" + t + " (k))");
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM sbtest" + t)) {
                rs.next();
                count[t] = rs.getLong(1);
            }
        }
        SplittableRandom rnd = new SplittableRandom(42);
        // Seed each table over the wire with up to 10,000 rows (about 2 MB), then grow it inside the engine.
        long seedRows = Math.max(1, Math.min(10_000, target / SYSBENCH_ROW_BYTES / tables + 1));
        for (int t = 1; t <= tables && size() < target; t++) {
            while (count[t] < seedRows && size() < target) {
                StringBuilder sql = new StringBuilder("INSERT INTO sbtest" + t + " (id, k, c, pad) VALUES ");
                int n = (int) Math.min(SEED_ROWS_PER_INSERT, seedRows - count[t]);
                for (int i = 0; i < n; i++) {
                    sql.append(i == 0 ? "(" : ",(").append(++count[t]).append(',').append(rnd.nextInt(1_000_000))
                            .append(",'").append(digits(rnd, 10)).append("','").append(digits(rnd, 5)).append("')");
                }
                st.executeUpdate(sql.toString());
                rows += n;
                report(target);
            }
        }
        while (size() < target) {
            for (int t = 1; t <= tables && size() < target; t++) {
                long have = count[t];
                long want = Math.min(COPY_ROWS, have);
                long byRows = (target - size()) / SYSBENCH_ROW_BYTES + 1;
                if (sizeProbe == null) {
                    want = Math.min(want, byRows);
                }
                long from = 1 + (have - want) / 2;
                int n = st.executeUpdate("INSERT INTO sbtest" + t + " (id, k, c, pad) SELECT id + " + (have - from + 1)
                        + ", k, c, pad FROM sbtest" + t + " WHERE id BETWEEN " + from + " AND " + (from + want - 1));
                count[t] += n;
                rows += n;
                report(target);
            }
        }
    }

    /** sysbench's c/pad values: groups of 11 random digits joined by '-'. */
    private static String digits(SplittableRandom rnd, int groups) {
        StringBuilder b = new StringBuilder(groups * 12);
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                b.append('-');
            }
            for (int i = 0; i < 11; i++) {
                b.append((char) ('0' + rnd.nextInt(10)));
            }
        }
        return b.toString();
    }

    private void sakila(Statement st, long target) throws SQLException {
        st.execute("USE " + database);
        long maxId;
        long originals;
        try (ResultSet rs = st.executeQuery("SELECT MAX(rental_id), COUNT(*) FROM rental WHERE rental_id < " + SAKILA_STRIDE)) {
            rs.next();
            maxId = rs.getLong(1);
            originals = rs.getLong(2);
        } catch (SQLException e) {
            throw new SQLException("database " + database + " has no Sakila rental table: import Sakila first"
                    + " (strata import CLUSTER sakila-mysqldump.sql.gz)", e.getSQLState(), e.getErrorCode(), e);
        }
        if (originals == 0) {
            throw new SQLException("Sakila's rental table in " + database + " is empty: import its data first");
        }
        if (maxId >= SAKILA_STRIDE) {
            throw new SQLException("rental ids of " + database + " reach " + maxId + ": too many for --kind sakila");
        }
        // Copy i of the original rentals has ids + i * STRIDE and dates + i * 267 days (Sakila's rentals span
        // 266 days, so copies never overlap in time and the unique key (rental_date, inventory_id, customer_id)
        // holds). Each step copies the copies made so far (at most as many as are still needed): doubling.
        long copies;
        try (ResultSet rs = st.executeQuery("SELECT MAX(rental_id) FROM rental")) {
            rs.next();
            copies = rs.getLong(1) / SAKILA_STRIDE + 1;
        }
        long bytesPerCopy = originals * SAKILA_ROW_BYTES;
        // Sakila's rental_date trigger (BEFORE INSERT: SET NEW.rental_date = NOW()) would stamp every copy with the
        // same time and break the unique key: the copies are made with rental's BEFORE INSERT triggers set aside,
        // as a dump loads rows before it creates triggers, and the triggers are put back whatever happens.
        List<String[]> setAside = beforeInsertTriggers(st);
        for (String[] trigger : setAside) {
            st.execute("DROP TRIGGER " + trigger[0]);
        }
        try {
            copyRentals(st, target, bytesPerCopy, copies);
        } finally {
            for (String[] trigger : setAside) {
                st.execute(trigger[1]);
            }
        }
    }

    /** Each BEFORE INSERT trigger of rental: its quoted name and its CREATE TRIGGER statement. */
    private static List<String[]> beforeInsertTriggers(Statement st) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA ="
                + " DATABASE() AND EVENT_OBJECT_TABLE = 'rental' AND ACTION_TIMING = 'BEFORE' AND EVENT_MANIPULATION = 'INSERT'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String name : names) {
            String quoted = "`" + name.replace("`", "``") + "`";
            try (ResultSet rs = st.executeQuery("SHOW CREATE TRIGGER " + quoted)) {
                if (rs.next()) {
                    out.add(new String[] {quoted, rs.getString("SQL Original Statement")});
                }
            }
        }
        return out;
    }

    private void copyRentals(Statement st, long target, long bytesPerCopy, long copies) throws SQLException {
        while (size() < target) {
            long needed = (target - size() + bytesPerCopy - 1) / bytesPerCopy;
            long j = Math.max(1, Math.min(copies, needed));
            if (copies + j > SAKILA_MAX_COPIES) {
                throw new SQLException("--kind sakila grows Sakila's rentals at most " + SAKILA_MAX_COPIES + " times (about "
                        + SAKILA_MAX_COPIES * bytesPerCopy / (1 << 20) + " MiB, dates up to year 9999): use --kind sysbench"
                        + " for larger sizes");
            }
            rows += st.executeUpdate("INSERT INTO rental (rental_id, rental_date, inventory_id, customer_id, return_date,"
                    + " staff_id, last_update) SELECT rental_id + " + copies * SAKILA_STRIDE + ", rental_date + INTERVAL '"
                    + copies * 267 + "' DAY, inventory_id, customer_id, return_date + INTERVAL '" + copies * 267
                    + "' DAY, staff_id, last_update FROM rental WHERE rental_id < " + j * SAKILA_STRIDE);
            copies += j;
            report(target);
        }
    }
}
