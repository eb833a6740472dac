package io.strata.bench;

import io.strata.client.CloneRequest;
import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.CreateClusterRequest;
import io.strata.client.StrataClient;
import io.strata.server.StrataServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What {@code @StrataReset} costs each test (strata-junit), for clones of a 100 MiB and a 1 GiB source: the
 * backtrack of the clone to its post-setup state (one BacktrackDBCluster call through strata-client, exactly as
 * the extension makes it) plus the next test's first connection and query. The source holds the clone-to-query
 * benchmark's data (rows of a 1,000-character pad, sized by the engine's file). Between resets a "test" changes
 * the clone (rewrites a few hundred rows, inserts, deletes), and after each reset the benchmark checks those
 * changes are gone. Median of {@value #RUNS} after {@value #WARMUP} warm-up resets. Target: under 100 ms, the
 * larger size within 1.5x of the smaller.
 *
 * <p>Usage: {@code bench/reset.sh [--sizes 100M,1G] [--runs 30] [--dir DIR] [--keep]}
 */
public final class ResetBench {
    static final int RUNS = 30;
    static final int WARMUP = 3;
    static final double TARGET_MS = 100;
    static final double TARGET_RATIO = 1.5;
    static final String PASSWORD = "bench-pw-1";

    private final Path base;
    private final List<Long> sizes;
    private final int runs;
    private final boolean keep;
    private final Map<Long, double[]> results = new LinkedHashMap<>();

    ResetBench(Path base, List<Long> sizes, int runs, boolean keep) {
        this.base = base;
        this.sizes = sizes;
        this.runs = runs;
        this.keep = keep;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        List<Long> sizes = List.of(100 * CloneToQueryBench.MiB, 1024 * CloneToQueryBench.MiB);
        int runs = RUNS;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(BenchUtil::parseSize).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: reset.sh [--sizes 100M,1G] [--runs 30] [--dir DIR] [--keep]");
                    System.exit(2);
                }
            }
        }
        new ResetBench(dir, sizes, runs, keep).run();
    }

    void run() throws Exception {
        for (long size : sizes) {
            Path dir = Files.createTempDirectory(base, "strata-reset-bench-");
            try (StrataServer server = StrataServer.start(new StrataServer.Settings(dir, "127.0.0.1", 0, 0, 0, null,
                    "root", "strata-root", 0))) {
                results.put(size, measure(server, size));
            } finally {
                if (!keep) {
                    CloneToQueryBench.deleteTree(dir);
                }
            }
        }
        print();
    }

    /** Returns {median total, median backtrack call, source bytes, min total, max total, p90 total}. */
    private double[] measure(StrataServer server, long size) throws Exception {
        StrataClient strata = StrataClient.create(server.apiUrl());
        ClusterId src = ClusterId.of("src");
        Cluster source = strata.createCluster(CreateClusterRequest.of(src, "admin", PASSWORD).withBacktrackWindow(Duration.ofHours(1)));
        long t0 = System.nanoTime();
        var volume = server.controlPlane().volumeOf("src");
        // The clone-to-query benchmark's data (rows of a 1,000-character pad), so the two read side by side.
        long rows = CloneToQueryBench.fill(server, source.endpoint().port(), size);
        System.out.printf(Locale.ROOT, "source of %s: %,d rows, %,d bytes of engine data, made in %.1f s; load average %s%n",
                CloneToQueryBench.human(size), rows, volume.size(), (System.nanoTime() - t0) / 1e9, loadAverage());

        // The test class's clone, as @StrataClone makes it, and its reset point, as @StrataReset takes it.
        Cluster clone = strata.clone(CloneRequest.latest(src, ClusterId.of("junit-bench")).withMasterPassword(PASSWORD)
                .withBacktrackWindow(Duration.ofHours(24)).withTtl("2h"));
        String url = clone.endpoint().jdbcUrl("bench", PASSWORD);
        long probeId = 1 + rows / 2;
        String probe = pad(url, probeId);
        Instant resetPoint = strata.describeCluster(clone.id()).latestRestorable();
        Thread.sleep(2);

        SplittableRandom rnd = new SplittableRandom(7);
        List<Double> total = new ArrayList<>();
        List<Double> call = new ArrayList<>();
        for (int i = 0; i < WARMUP + runs; i++) {
            aTest(url, rnd, rows, probeId);
            long a = System.nanoTime();
            strata.backtrack(clone.id(), resetPoint);
            long b = System.nanoTime();
            String p = pad(url, probeId);
            long e = System.nanoTime();
            if (!p.equals(probe)) {
                throw new IllegalStateException("the reset did not undo the test's update of row " + probeId);
            }
            if (i >= WARMUP) {
                total.add((e - a) / 1e6);
                call.add((b - a) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "  load average after: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "  reset + first query ms: %s%n", CloneToQueryBench.fmt(total));
        List<Double> sorted = total.stream().sorted().toList();
        return new double[] {CloneToQueryBench.median(total), CloneToQueryBench.median(call), volume.size(),
                CloneToQueryBench.min(total), CloneToQueryBench.max(total), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1)};
    }

    /** What a test does to the clone: rewrites a few hundred rows (one of them the probe), inserts and deletes. */
    private static void aTest(String url, SplittableRandom rnd, long rows, long probeId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            long from = 1 + rnd.nextLong(Math.max(1, rows - 300));
            st.executeUpdate("UPDATE t SET pad = REPLACE(pad, 'a', 'b') WHERE id BETWEEN " + from + " AND " + (from + 299));
            st.executeUpdate("UPDATE t SET pad = '" + CloneToQueryBench.pad(rnd) + "' WHERE id = " + probeId);
            st.executeUpdate("INSERT INTO marks VALUES (" + rnd.nextInt(1_000_000) + ")");
            st.executeUpdate("DELETE FROM t WHERE id = " + (1 + rnd.nextLong(rows)));
        }
    }

    /** The next test's first connection and query. */
    private static String pad(String url, long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pad FROM t WHERE id = " + id)) {
            if (!rs.next()) {
                throw new IllegalStateException("row " + id + " missing");
            }
            return rs.getString(1);
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private void print() {
        System.out.println();
        System.out.printf("%-34s", "figure (median of " + runs + ")");
        for (long s : sizes) {
            System.out.printf("%14s", CloneToQueryBench.human(s));
        }
        System.out.printf("  %-22s %s%n", "target", "result");
        row("@StrataReset: reset + 1st query ms", 0, true);
        rangeRow();
        row("  of which BacktrackDBCluster ms", 1, false);
        row("  p90 reset + 1st query ms", 5, false);
        StringBuilder b = new StringBuilder(String.format("%-34s", "source engine bytes"));
        for (long s : sizes) {
            b.append(String.format(Locale.ROOT, "%14.0f", results.get(s)[2]));
        }
        System.out.println(b);
    }

    private void row(String name, int idx, boolean target) {
        System.out.printf("%-34s", name);
        double first = results.get(sizes.get(0))[idx];
        double worst = 0;
        double ratio = 1;
        for (long s : sizes) {
            double v = results.get(s)[idx];
            System.out.printf(Locale.ROOT, "%14.1f", v);
            worst = Math.max(worst, v);
            ratio = Math.max(ratio, v / first);
        }
        if (target) {
            boolean pass = worst < TARGET_MS && ratio <= TARGET_RATIO;
            System.out.printf(Locale.ROOT, "  <%.0f ms, <=%.1fx size  %s (largest/smallest %.2fx)%n", TARGET_MS, TARGET_RATIO,
                    pass ? "PASS" : "FAIL", ratio);
        } else {
            System.out.printf(Locale.ROOT, "  info (largest/smallest %.2fx)%n", ratio);
        }
    }

    private void rangeRow() {
        StringBuilder b = new StringBuilder(String.format("%-34s", "  min..max"));
        for (long s : sizes) {
            double[] r = results.get(s);
            b.append(String.format(Locale.ROOT, "%14s", String.format(Locale.ROOT, "%.0f..%.0f", r[3], r[4])));
        }
        System.out.println(b);
    }
}
