package io.strata.bench;

import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The storage layer's overhead under the engine: the same single-row commits and point selects on H2 over a
 * plain file and on H2 over a Strata volume (fsync off on both sides, since H2 on a plain file never fsyncs,
 * and again with Strata's durable commits on), plus the history a single-row commit adds to the log.
 *
 * <p>Run: {@code bench/run-engine.sh [--seconds N]}. One thread, 3 runs of each, medians printed.
 */
public final class EngineOverheadBench {
    private static final int ROWS = 20_000;

    private EngineOverheadBench() {
    }

    interface Target {
        Connection connect() throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 1 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 5;
        Path root = Files.createTempDirectory("strata-engine-bench-");
        double[][] plain = new double[3][];
        double[][] volume = new double[3][];
        double[][] durable = new double[3][];
        double history = 0;
        for (int run = 0; run < 3; run++) {
            Path plainDir = root.resolve("plain" + run);
            String url = "jdbc:h2:" + plainDir.resolve("db") + ";MODE=MySQL;WRITE_DELAY=0;DATABASE_TO_LOWER=TRUE";
            try (Connection keep = DriverManager.getConnection(url, "sa", "")) {
                plain[run] = measure(() -> DriverManager.getConnection(url, "sa", ""), seconds);
            }
            for (boolean fsync : new boolean[] {false, true}) {
                try (PageStore store = PageStore.open(root.resolve((fsync ? "durable" : "volume") + run),
                        StoreOptions.defaults().withFsync(fsync))) {
                    Volume v = store.createVolume("bench", VolumeOptions.defaults());
                    try (Database db = Database.open(v, EngineOptions.defaults())) {
                        long before = store.diskBytes();
                        double[] r = measure(db::open, seconds);
                        if (fsync) {
                            durable[run] = r;
                            history = (store.diskBytes() - before) / r[2];
                        } else {
                            volume[run] = r;
                        }
                    }
                }
            }
        }
        double plainCommits = median(plain, 0);
        double volCommits = median(volume, 0);
        double durCommits = median(durable, 0);
        double plainSelects = median(plain, 1);
        double volSelects = median(volume, 1);
        System.out.println();
        System.out.println("figure                                   | H2 plain file | H2 on volume | plain/volume | target   | result");
        System.out.println("------------------------------------------------------------------------------------------------------");
        row("single-row commits/s (no fsync)", plainCommits, volCommits, "<= 1.2x");
        row("point selects/s", plainSelects, volSelects, "<= 1.2x");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "single-row commits/s, durable (fsync)", "n/a", durCommits, "", "info");
        System.out.printf("%-40s | %13s | %12.0f | %12s | %-8s |%n", "log bytes per single-row commit", "", history, "", "info");
        System.out.println("(1 thread; " + seconds + " s per measurement; medians of 3 runs; H2 on a plain file never fsyncs)");
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

    /** Returns {commits/s, selects/s, commits}. */
    private static double[] measure(Target target, int seconds) throws SQLException {
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
            return new double[] {commits / (double) seconds, selects / (double) seconds, commits};
        }
    }
}
