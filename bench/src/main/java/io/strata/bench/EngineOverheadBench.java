package io.strata.bench;

import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * The storage layer's overhead under the engine: the same single-row commits and point selects on H2 over a
 * plain file and on H2 over a Strata volume (fsync off on both sides, since H2 on a plain file never fsyncs,
 * and again with Strata's durable commits on), plus the history a single-row commit adds to the log.
 *
 * <p>Both sides run H2 as {@code strata server} does ({@code StrataServer.ENGINE}): the longest write delay
 * with one store per commit (the commit gate's; on the plain file an {@code MVStore.commit()} after each
 * commit), dead chunks kept 1 s (so H2 reuses file space within the run, as it does in the server) and no
 * compaction at close. Also: an auto-increment load with explicit ids, and chunks, log writes, points and
 * fsyncs per operation on the durable volume.
 *
 * <p>Run: {@code bench/run-engine.sh [--seconds N] [--dir DIR] [--keep]}. One thread, 3 runs of each,
 * medians printed. See bench/README.md.
 */
public final class EngineOverheadBench {
    private static final int ROWS = 20_000;

    private EngineOverheadBench() {
    }

    interface Target {
        Connection connect() throws SQLException;
    }

    /** The engine as {@code strata server} runs it (StrataServer.ENGINE, which this module cannot see). */
    static final EngineOptions SERVER_ENGINE = EngineOptions.defaults().withMaxCompactTime(Duration.ZERO)
            .withRetentionTime(Duration.ofSeconds(1));

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--dir" -> parent = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("usage: run-engine.sh [--seconds N] [--dir DIR] [--keep]; "
                        + "unknown option " + args[i]);
            }
        }
        Path root = Files.createTempDirectory(parent, "strata-engine-bench-");
        try {
            run(root, seconds);
        } finally {
            if (keep) {
                System.out.println("data kept in " + root);
            } else {
                deleteTree(root);
            }
        }
    }

    private static void run(Path root, int seconds) throws Exception {
        double[][] plain = new double[3][];
        double[][] volume = new double[3][];
        double[][] durable = new double[3][];
        long substitutions = 0;
        for (int run = 0; run < 3; run++) {
            Path plainDir = root.resolve("plain" + run);
            String url = "jdbc:h2:" + plainDir.resolve("db") + ";MODE=MySQL;WRITE_DELAY=" + Integer.MAX_VALUE
                    + ";DATABASE_TO_LOWER=TRUE"
                    + ";RETENTION_TIME=" + SERVER_ENGINE.retentionTime().toMillis()
                    + ";MAX_COMPACT_TIME=" + SERVER_ENGINE.maxCompactTime().toMillis();
            try (Connection keep = DriverManager.getConnection(url, "sa", "")) {
                // As the engine's commit gate does: H2 stores nothing itself, one store after each commit.
                MVStore mv = ((SessionLocal) ((JdbcConnection) keep).getSession()).getDatabase().getStore().getMvStore();
                plain[run] = measure(() -> DriverManager.getConnection(url, "sa", ""), () -> {
                    if (mv.hasUnsavedChanges()) {
                        mv.commit();
                    }
                }, seconds, () -> 0,
                        () -> new long[4]);
            }
            for (boolean fsync : new boolean[] {false, true}) {
                try (PageStore store = PageStore.open(root.resolve((fsync ? "durable" : "volume") + run),
                        StoreOptions.defaults().withFsync(fsync))) {
                    Volume v = store.createVolume("bench", VolumeOptions.defaults());
                    try (Database db = Database.open(v, SERVER_ENGINE)) {
                        double[] r = measure(db::open, () -> { }, seconds, store::diskBytes, () -> new long[] {
                                db.chunkWrites(), store.logWrites(), v.points().size(), store.fsyncs()});
                        if (fsync) {
                            durable[run] = r;
                        } else {
                            volume[run] = r;
                        }
                        substitutions += db.headerSubstitutions();
                    }
                }
            }
        }
        double plainCommits = median(plain, 0);
        double volCommits = median(volume, 0);
        double durCommits = median(durable, 0);
        double history = median(durable, 3);
        double historyNoFsync = median(volume, 3);
        double plainSelects = median(plain, 1);
        double volSelects = median(volume, 1);
        double plainLoad = median(plain, 4);
        double volLoad = median(volume, 4);
        double durLoad = median(durable, 4);
        System.out.println();
        System.out.println("figure                                   | H2 plain file | H2 on volume | plain/volume | target   | result");
        System.out.println("------------------------------------------------------------------------------------------------------");
        row("single-row commits/s (no fsync)", plainCommits, volCommits, "<= 1.2x");
        row("point selects/s", plainSelects, volSelects, "<= 1.2x");
        System.out.printf("%-40s | %13.2f | %12.2f | %11.2fx | %-8s |%n", "auto-increment load, s (no fsync)", plainLoad,
                volLoad, volLoad / plainLoad, "info");
        System.out.printf("%-40s | %13s | %12.2f | %12s | %-8s |%n", "auto-increment load, s (durable)", "", durLoad, "",
                "info");
        counts("per 1,000-row INSERT (durable)", durable, 5);
        counts("per single-row commit (durable)", durable, 9);
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "single-row commits/s, durable (fsync)", "n/a", durCommits, "", "info");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "log bytes per single-row commit (durable)", "",
                history, "", "info");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "log bytes per single-row commit (no fsync)", "",
                historyNoFsync, "", "info");
        System.out.println("(1 thread; " + seconds + " s per measurement; medians of 3 runs; H2 on a plain file never fsyncs;"
                + " H2 as strata server runs it: RETENTION_TIME=1000, MAX_COMPACT_TIME=0; H2 reused chunk space on the"
                + " volume: " + (substitutions > 0 ? "yes, " + substitutions + " store headers rewritten" : "no") + ")");
    }

    /** Chunks H2 stored, log writes, points and fsyncs per operation (median run), machine-independent. */
    private static void counts(String name, double[][] runs, int from) {
        System.out.printf("%-40s | chunks %.2f, log writes %.2f, points %.2f, fsyncs %.2f%n", name, median(runs, from),
                median(runs, from + 1), median(runs, from + 2), median(runs, from + 3));
    }

    private static void row(String name, double plain, double volume, String target) {
        double ratio = plain / volume;
        System.out.printf("%-40s | %13.0f | %12.0f | %11.2fx | %-8s | %s%n", name, plain, volume, ratio, target,
                ratio <= 1.2 ? "PASS" : "FAIL");
    }

    private static double median(double[][] runs, int i) {
        double[] v = Arrays.stream(runs).mapToDouble(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }

    /**
     * Loads {@value #ROWS} rows, then times single-row commits and point selects.
     *
     * @param afterCommit what runs after each commit: on a plain file, the store the commit gate makes
     * @param diskBytes the store's log size, sampled around the commits only (the load is not history)
     * @param counters  {chunks, log writes, points, fsyncs} so far (zeros on a plain file)
     * @return {commits/s, selects/s, commits, log bytes per commit, auto-increment load seconds, then
     *         {@code counters} per 1,000-row INSERT of that load (4), then per single-row commit (4)}
     */
    private static double[] measure(Target target, Runnable afterCommit, int seconds, LongSupplier diskBytes,
                                    Supplier<long[]> counters)
            throws SQLException {
        double[] result = new double[13];
        try (Connection c = target.connect()) {
            // Rows with explicit ids into an AUTO_INCREMENT key, as a dump or bench-oltp's load does.
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS a (id INT AUTO_INCREMENT PRIMARY KEY, k INT, c VARCHAR(120))");
                st.execute("DELETE FROM a");
                long[] before = counters.get();
                long start = System.nanoTime();
                insertRows(st, "a", 1, ROWS, afterCommit);
                result[4] = (System.nanoTime() - start) / 1e9;
                perOp(result, 5, before, counters.get(), ROWS / 1000);
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, k INT, c VARCHAR(120))");
                st.execute("DELETE FROM t");
                insertRows(st, "t", 0, ROWS, afterCommit);
            }
            long commits = 0;
            long[] before = counters.get();
            long bytesBefore = diskBytes.getAsLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (int id = ROWS; System.nanoTime() < end; id++) {
                    ins.setInt(1, id);
                    ins.setInt(2, id % 97);
                    ins.setString(3, "commit " + id);
                    ins.executeUpdate();
                    afterCommit.run();
                    commits++;
                }
            }
            double bytesPerCommit = (diskBytes.getAsLong() - bytesBefore) / (double) commits;
            perOp(result, 9, before, counters.get(), commits);
            long selects = 0;
            end = System.nanoTime() + seconds * 1_000_000_000L;
            try (PreparedStatement sel = c.prepareStatement("SELECT c FROM t WHERE id = ?")) {
                while (System.nanoTime() < end) {
                    sel.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
                    try (ResultSet rs = sel.executeQuery()) {
                        rs.next();
                    }
                    selects++;
                }
            }
            result[0] = commits / (double) seconds;
            result[1] = selects / (double) seconds;
            result[2] = commits;
            result[3] = bytesPerCommit;
            return result;
        }
    }

    /** {@code rows} rows (ids first..first+rows-1) in 1,000-row INSERTs, each its own commit. */
    private static void insertRows(Statement st, String table, int first, int rows, Runnable afterCommit)
            throws SQLException {
        StringBuilder b = new StringBuilder();
        for (int i = first; i < first + rows; i += 1000) {
            b.setLength(0);
            b.append("INSERT INTO ").append(table).append(" VALUES ");
            for (int j = i; j < i + 1000; j++) {
                b.append(j == i ? "" : ",").append('(').append(j).append(',').append(j % 97).append(",'row ").append(j).append("')");
            }
            st.execute(b.toString());
            afterCommit.run();
        }
    }

    private static void perOp(double[] result, int at, long[] before, long[] after, long ops) {
        for (int i = 0; i < before.length; i++) {
            result[at + i] = (after[i] - before[i]) / (double) ops;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
