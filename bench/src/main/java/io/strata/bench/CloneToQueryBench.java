package io.strata.bench;

import io.strata.server.StrataServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * End-to-end clone and backtrack latency of `strata server` (in this JVM, real engine), as an application's test
 * setup sees it, for source clusters of 100 MiB and 1 GiB of H2 data:
 * <ul>
 *   <li><b>clone-to-query</b>: RestoreDBClusterToPointInTime (copy-on-write, latest time) + CreateDBInstance over
 *       the RDS API, then a new Connector/J connection to the clone's endpoint and a primary-key SELECT;</li>
 *   <li><b>backtrack-to-first-query</b>: BacktrackDBCluster of the source over its last write, then a new
 *       connection and the same SELECT.</li>
 * </ul>
 * Each is the median of {@value #RUNS} runs after one warm-up run. Targets: under 300 ms, and the larger size
 * within 1.5x of the smaller.
 *
 * <p>With {@code --mariadb}, the same rows are put in a private MariaDB instance for each size and MariaDB's
 * fastest copies are timed to their first answered query ({@code bench/mariadb-copy.sh}): mariadb-backup
 * (backup + prepare + copy-back + server start + query) and dump-and-restore (mariadb-dump | mariadb + query),
 * printed beside Strata's clone-to-query with the ratio (target: at least 10x faster than mariadb-backup at 1 GiB).
 *
 * <p>With {@code --live-clones N}, N copy-on-write clones of the largest source are made, each with its
 * instance (an open engine and a listening endpoint), and left idle: how many one server holds, and the memory
 * each costs (RSS and heap growth per clone, threads per clone). {@link LiveClones}.
 *
 * <p>Usage: {@code bench/clone-to-query.sh [--sizes 100M,1G] [--runs 10] [--dir DIR] [--keep] [--mariadb]
 * [--live-clones N]}
 */
public final class CloneToQueryBench {
    static final int RUNS = 10;
    static final long MiB = BenchUtil.MiB;
    static final double TARGET_MS = 300;
    static final double TARGET_RATIO = 1.5;
    static final String USER = "admin";
    static final String PASSWORD = "bench-pw-1";
    /** The clones' instance class (its engine cache); -Dbench.instanceClass=db.t3.medium for 64 MiB. */
    static final String INSTANCE_CLASS = System.getProperty("bench.instanceClass", "db.r6g.large");
    private static final int PAD = 1000;
    private static final int ROWS_PER_INSERT = 200;

    private final Path base;
    private final List<Long> sizes;
    private final int runs;
    private final boolean keep;
    private final boolean mariadb;
    private final int liveClones;
    private final Map<Long, double[]> results = new LinkedHashMap<>();
    private final Map<Long, MariaDbCopy.Result> mariadbResults = new LinkedHashMap<>();
    private LiveClones.Result liveResult;

    CloneToQueryBench(Path base, List<Long> sizes, int runs, boolean keep, boolean mariadb, int liveClones) {
        this.base = base;
        this.sizes = sizes;
        this.runs = runs;
        this.keep = keep;
        this.mariadb = mariadb;
        this.liveClones = liveClones;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        List<Long> sizes = List.of(100 * MiB, 1024 * MiB);
        int runs = RUNS;
        boolean keep = false;
        boolean mariadb = false;
        int live = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(BenchUtil::parseSize).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--mariadb" -> mariadb = true;
                case "--live-clones" -> live = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: clone-to-query.sh [--sizes 100M,1G] [--runs 10] [--dir DIR] [--keep]"
                            + " [--mariadb] [--live-clones N]");
                    System.exit(2);
                }
            }
        }
        new CloneToQueryBench(dir, sizes, runs, keep, mariadb, live).run();
    }

    void run() throws Exception {
        for (long size : sizes) {
            Path dir = Files.createTempDirectory(base, "strata-clone-bench-");
            try (StrataServer server = StrataServer.start(new StrataServer.Settings(dir, "127.0.0.1", 0, 0, 0, null,
                    "root", "strata-root", 0).withMaxClonesPerSource(Math.max(15, liveClones + 1)))) {
                RdsApi api = new RdsApi(server.apiUrl());
                double[] r = measure(server, api, size);
                results.put(size, r);
                if (liveClones > 0 && size == sizes.get(sizes.size() - 1)) {
                    liveResult = new LiveClones(api, "src", liveClones).run();
                }
                if (mariadb) {
                    mariadbResults.put(size, MariaDbCopy.measure((long) r[7]));
                }
            } finally {
                if (!keep) {
                    deleteTree(dir);
                }
            }
        }
        print();
    }

    /** Builds a source cluster of {@code size} bytes of engine data; returns {cloneMedian, backtrackMedian, actualSize, cloneMin, cloneMax, btMin, btMax}. */
    private double[] measure(StrataServer server, RdsApi api, long size) throws Exception {
        String src = "src";
        String xml = api.call("CreateDBCluster", "DBClusterIdentifier", src, "Engine", "aurora-mysql",
                "MasterUsername", USER, "MasterUserPassword", PASSWORD, "BacktrackWindow", "3600");
        int srcPort = Integer.parseInt(RdsApi.field(xml, "Port"));
        api.call("CreateDBInstance", "DBInstanceIdentifier", src + "-1", "DBClusterIdentifier", src,
                "Engine", "aurora-mysql", "DBInstanceClass", "db.r6g.large");
        long t0 = System.nanoTime();
        long rows = fill(server, srcPort, size);
        long actual = server.controlPlane().volumeOf(src).size();
        System.out.printf(Locale.ROOT, "source of %s: %,d rows, %,d bytes of engine data, filled in %.1f s%n",
                human(size), rows, actual, (System.nanoTime() - t0) / 1e9);

        List<Double> clone = new ArrayList<>();
        steps.forEach(List::clear);
        for (int i = 0; i <= runs; i++) {
            double ms = cloneToQuery(api, src, "c" + i, rows, i);
            if (i > 0) {
                clone.add(ms);
            } else {
                steps.forEach(List::clear);
            }
        }
        List<Double> back = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            double ms = backtrackToQuery(api, src, srcPort, rows, i);
            if (i > 0) {
                back.add(ms);
            }
        }
        System.out.printf(Locale.ROOT, "  clone-to-query ms: %s%n    median of its steps: restore %.0f, instance %.0f, connect+select %.0f%n"
                + "  backtrack-to-first-query ms: %s%n", fmt(clone), median(steps.get(0)), median(steps.get(1)),
                median(steps.get(2)), fmt(back));
        return new double[] {median(clone), median(back), actual, min(clone), max(clone), min(back), max(back), rows};
    }

    /** Per step of clone-to-query (restore, instance, connect+select), the times of the measured runs. */
    private final List<List<Double>> steps = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));

    /** The timed part: restore, instance, connect, SELECT. Then the clone is deleted (not timed). */
    private double cloneToQuery(RdsApi api, String src, String name, long rows, int seed) throws Exception {
        long t0 = System.nanoTime();
        String xml = api.call("RestoreDBClusterToPointInTime", "DBClusterIdentifier", name, "SourceDBClusterIdentifier", src,
                "RestoreType", "copy-on-write", "UseLatestRestorableTime", "true");
        long t1 = System.nanoTime();
        api.call("CreateDBInstance", "DBInstanceIdentifier", name + "-1", "DBClusterIdentifier", name,
                "Engine", "aurora-mysql", "DBInstanceClass", INSTANCE_CLASS);
        long t2 = System.nanoTime();
        selectOne(RdsApi.field(xml, "Endpoint"), Integer.parseInt(RdsApi.field(xml, "Port")), rows, seed);
        long t3 = System.nanoTime();
        double ms = (t3 - t0) / 1e6;
        steps.get(0).add((t1 - t0) / 1e6);
        steps.get(1).add((t2 - t1) / 1e6);
        steps.get(2).add((t3 - t2) / 1e6);
        api.call("DeleteDBInstance", "DBInstanceIdentifier", name + "-1");
        api.call("DeleteDBCluster", "DBClusterIdentifier", name, "SkipFinalSnapshot", "true");
        return ms;
    }

    /** One small write, then the timed part: backtrack over it, connect, SELECT. */
    private double backtrackToQuery(RdsApi api, String src, int srcPort, long rows, int seed) throws Exception {
        Instant before;
        try (Connection c = connect("127.0.0.1", srcPort); Statement st = c.createStatement()) {
            st.execute("INSERT INTO bench.marks VALUES (" + seed + ")");
            Thread.sleep(5);
            before = Instant.now();
            Thread.sleep(5);
            st.execute("UPDATE bench.marks SET id = id + 1000 WHERE id = " + seed);
        }
        long t0 = System.nanoTime();
        api.call("BacktrackDBCluster", "DBClusterIdentifier", src, "BacktrackTo", before.toString());
        selectOne("127.0.0.1", srcPort, rows, seed);
        double ms = (System.nanoTime() - t0) / 1e6;
        try (Connection c = connect("127.0.0.1", srcPort); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bench.marks WHERE id = " + seed)) {
            rs.next();
            if (rs.getLong(1) != 1) {
                throw new IllegalStateException("the backtrack did not undo the update of mark " + seed);
            }
        }
        return ms;
    }

    private static void selectOne(String host, int port, long rows, int seed) throws SQLException {
        long id = 1 + new SplittableRandom(seed).nextLong(rows);
        try (Connection c = connect(host, port); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT LENGTH(pad) FROM bench.t WHERE id = " + id)) {
            if (!rs.next() || rs.getInt(1) != PAD) {
                throw new IllegalStateException("row " + id + " missing on " + host + ":" + port);
            }
        }
    }

    static Connection connect(String host, int port) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/?user=" + USER + "&password=" + PASSWORD
                + "&allowPublicKeyRetrieval=true&useSSL=false");
    }

    /**
     * Fills bench.t with rows of a {@value #PAD}-character random pad until the volume holds {@code size} bytes:
     * the first 16 MiB with Connector/J multi-row INSERTs, the rest by copying the table into itself inside the
     * engine (INSERT ... SELECT, 20,000 rows a transaction), which is much faster than the wire.
     */
    static long fill(StrataServer server, int port, long size) throws SQLException {
        var volume = server.controlPlane().volumeOf("src");
        long rows = 0;
        try (Connection c = connect("127.0.0.1", port); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE bench");
            st.execute("CREATE TABLE bench.t (id BIGINT PRIMARY KEY, pad VARCHAR(" + PAD + ") NOT NULL)");
            st.execute("CREATE TABLE bench.marks (id INT PRIMARY KEY)");
            SplittableRandom rnd = new SplittableRandom(42);
            long seedBytes = Math.min(size, 16 * MiB);
            while (volume.size() < seedBytes) {
                StringBuilder sql = new StringBuilder("INSERT INTO bench.t VALUES ");
                for (int i = 0; i < ROWS_PER_INSERT; i++) {
                    sql.append(i == 0 ? "(" : ",(").append(++rows).append(",'").append(pad(rnd)).append("')");
                }
                st.execute(sql.toString());
            }
            while (volume.size() < size) {
                long have = rows;
                for (long from = 1; from <= have && volume.size() < size; from += 20_000) {
                    long to = Math.min(have, from + 19_999);
                    st.execute("INSERT INTO bench.t SELECT id + " + have + ", pad FROM bench.t WHERE id BETWEEN "
                            + from + " AND " + to);
                    rows = have + to;
                }
            }
        }
        return rows;
    }

    static String pad(SplittableRandom rnd) {
        char[] c = new char[PAD];
        for (int i = 0; i < PAD; i++) {
            int v = rnd.nextInt(62);
            c[i] = (char) (v < 10 ? '0' + v : v < 36 ? 'a' + v - 10 : 'A' + v - 36);
        }
        return new String(c);
    }

    private void print() {
        System.out.println();
        System.out.printf("%-28s", "figure (median of " + runs + ")");
        for (long s : sizes) {
            System.out.printf("%14s", human(s));
        }
        System.out.printf("  %-22s %s%n", "target", "result");
        row("clone-to-query ms", 0, 3, 4);
        row("backtrack-to-first-query ms", 1, 5, 6);
        if (!mariadbResults.isEmpty()) {
            printMariaDb();
        }
        if (liveResult != null) {
            liveResult.print(human(sizes.get(sizes.size() - 1)));
        }
    }

    /** MariaDB's copies of the same rows beside Strata's clone, with the ratios and the targets. */
    private void printMariaDb() {
        System.out.println();
        System.out.printf("%-36s", "copy to first query, same rows");
        for (long s : sizes) {
            System.out.printf("%14s", human(s));
        }
        System.out.printf("  %s%n", "target");
        System.out.printf("%-36s", "  rows");
        sizes.forEach(s -> System.out.printf(Locale.ROOT, "%,14d", (long) results.get(s)[7]));
        System.out.printf("%n%-36s", "  bytes: Strata volume / InnoDB");
        sizes.forEach(s -> System.out.printf("%14s", String.format(Locale.ROOT, "%dM/%dM", (long) results.get(s)[2] >> 20,
                mariadbResults.get(s).dataBytes() >> 20)));
        System.out.printf("%n%-36s", "Strata clone-to-query ms (median)");
        sizes.forEach(s -> System.out.printf(Locale.ROOT, "%14.1f", results.get(s)[0]));
        System.out.printf("%n%-36s", "mariadb-backup ms");
        sizes.forEach(s -> System.out.printf(Locale.ROOT, "%14d", mariadbResults.get(s).backupMs()));
        System.out.printf("%n%-36s", "  ratio mariadb-backup / Strata");
        sizes.forEach(s -> System.out.printf(Locale.ROOT, "%13.0fx", mariadbResults.get(s).backupMs() / results.get(s)[0]));
        long largest = sizes.get(sizes.size() - 1);
        double ratio = mariadbResults.get(largest).backupMs() / results.get(largest)[0];
        System.out.printf(Locale.ROOT, "  >=10x at %s: %s%n", human(largest), ratio >= 10 ? "PASS" : "FAIL");
        System.out.printf("%-36s", "dump-and-restore ms");
        sizes.forEach(s -> System.out.printf(Locale.ROOT, "%14d", mariadbResults.get(s).dumpMs()));
        System.out.printf("%n%-36s", "  ratio dump-and-restore / Strata");
        sizes.forEach(s -> System.out.printf(Locale.ROOT, "%13.0fx", mariadbResults.get(s).dumpMs() / results.get(s)[0]));
        System.out.println();
        sizes.forEach(s -> System.out.println("  " + human(s) + " steps: mariadb-backup " + mariadbResults.get(s).backupSteps()
                + "; dump " + mariadbResults.get(s).dumpSteps()));
    }

    private void row(String name, int idx, int minIdx, int maxIdx) {
        System.out.printf("%-28s", name);
        double first = results.get(sizes.get(0))[idx];
        double worst = 0;
        double ratio = 1;
        for (long s : sizes) {
            double[] r = results.get(s);
            System.out.printf(Locale.ROOT, "%14.1f", r[idx]);
            worst = Math.max(worst, r[idx]);
            ratio = Math.max(ratio, r[idx] / first);
        }
        boolean pass = worst < TARGET_MS && ratio <= TARGET_RATIO;
        System.out.printf(Locale.ROOT, "  <%.0f ms, <=%.1fx size  %s (largest/smallest %.2fx)%n", TARGET_MS, TARGET_RATIO,
                pass ? "PASS" : "FAIL", ratio);
        StringBuilder range = new StringBuilder(String.format("%-28s", "  min..max"));
        for (long s : sizes) {
            double[] r = results.get(s);
            range.append(String.format(Locale.ROOT, "%14s", String.format(Locale.ROOT, "%.0f..%.0f", r[minIdx], r[maxIdx])));
        }
        System.out.println(range);
    }

    static String human(long bytes) {
        return bytes >= 1024 * MiB && bytes % (1024 * MiB) == 0 ? bytes / (1024 * MiB) + " GiB" : bytes / MiB + " MiB";
    }

    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> v) {
        return v.stream().min(Comparator.naturalOrder()).orElse(0.0);
    }

    static double max(List<Double> v) {
        return v.stream().max(Comparator.naturalOrder()).orElse(0.0);
    }

    static String fmt(List<Double> v) {
        return v.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList().toString();
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
