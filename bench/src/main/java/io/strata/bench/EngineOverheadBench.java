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
import java.util.stream.Stream;

/**
 * The storage layer's overhead under the engine: the same single-row commits and point selects on H2 over a
 * plain file and on H2 over a Strata volume (fsync off on both sides, since H2 on a plain file never fsyncs,
 * and again with Strata's durable commits on), plus the history a single-row commit adds to the log.
 *
 * <p>Both sides run H2 as {@code strata server} does ({@code StrataServer.ENGINE}): dead chunks kept 1 s
 * (so H2 reuses file space within the run, as it does in the server) and no compaction at close.
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
            String url = "jdbc:h2:" + plainDir.resolve("db") + ";MODE=MySQL;WRITE_DELAY=0;DATABASE_TO_LOWER=TRUE"
                    + ";RETENTION_TIME=" + SERVER_ENGINE.retentionTime().toMillis()
                    + ";MAX_COMPACT_TIME=" + SERVER_ENGINE.maxCompactTime().toMillis();
            try (Connection keep = DriverManager.getConnection(url, "sa", "")) {
                plain[run] = measure(() -> DriverManager.getConnection(url, "sa", ""), seconds, () -> 0);
            }
            for (boolean fsync : new boolean[] {false, true}) {
                try (PageStore store = PageStore.open(root.resolve((fsync ? "durable" : "volume") + run),
                        StoreOptions.defaults().withFsync(fsync))) {
                    Volume v = store.createVolume("bench", VolumeOptions.defaults());
                    try (Database db = Database.open(v, SERVER_ENGINE)) {
                        double[] r = measure(db::open, seconds, store::diskBytes);
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
        System.out.println();
        System.out.println("figure                                   | H2 plain file | H2 on volume | plain/volume | target   | result");
        System.out.println("------------------------------------------------------------------------------------------------------");
        row("single-row commits/s (no fsync)", plainCommits, volCommits, "<= 1.2x");
        row("point selects/s", plainSelects, volSelects, "<= 1.2x");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "single-row commits/s, durable (fsync)", "n/a", durCommits, "", "info");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "log bytes per single-row commit (durable)", "",
                history, "", "info");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "log bytes per single-row commit (no fsync)", "",
                historyNoFsync, "", "info");
        System.out.println("(1 thread; " + seconds + " s per measurement; medians of 3 runs; H2 on a plain file never fsyncs;"
                + " H2 as strata server runs it: RETENTION_TIME=1000, MAX_COMPACT_TIME=0; H2 reused chunk space on the"
                + " volume: " + (substitutions > 0 ? "yes, " + substitutions + " store headers rewritten" : "no") + ")");
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
     * @param diskBytes the store's log size, sampled around the commits only (the load is not history)
     * @return {commits/s, selects/s, commits, log bytes per commit}
     */
    private static double[] measure(Target target, int seconds, LongSupplier diskBytes) throws SQLException {
        try (Connection c = target.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, k INT, c VARCHAR(120))");
                st.execute("DELETE FROM t");
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < ROWS; i += 1000) {
                    b.setLength(0);
                    b.append("INSERT INTO t VALUES ");
                    for (int j = i; j < i + 1000; j++) {
                        b.append(j == i ? "" : ",").append('(').append(j).append(',').append(j % 97).append(",'row ").append(j).append("')");
                    }
                    st.execute(b.toString());
                }
            }
            long commits = 0;
            long bytesBefore = diskBytes.getAsLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (int id = ROWS; System.nanoTime() < end; id++) {
                    ins.setInt(1, id);
                    ins.setInt(2, id % 97);
                    ins.setString(3, "commit " + id);
                    ins.executeUpdate();
                    commits++;
                }
            }
            double bytesPerCommit = (diskBytes.getAsLong() - bytesBefore) / (double) commits;
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
            return new double[] {commits / (double) seconds, selects / (double) seconds, commits, bytesPerCommit};
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
