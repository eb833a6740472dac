package io.strata.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many idle clones of a source one `strata server` holds, and what each costs: N copy-on-write clones, each
 * with its instance (an open engine and a listening endpoint, class {@value #CLASS}), made one after the other;
 * every {@value #STEP} clones the process's RSS, the heap in use after a full GC and the thread count are taken.
 * At the end every clone's endpoint answers a query (so all are really live), then they are deleted.
 */
final class LiveClones {
    static final String CLASS = "db.r6g.large";
    static final int STEP = 25;
    private final RdsApi api;
    private final String source;
    private final int target;

    /** What was measured: clones made, and per sample (clones, RSS MiB, heap MiB, threads). */
    record Result(int target, int made, String stoppedBy, List<long[]> samples, double makeMsMedian) {
        void print(String sourceSize) {
            System.out.println();
            System.out.printf(Locale.ROOT, "live idle clones of the %s source (each an open engine + endpoint, %s):"
                    + " %d of %d made%s%n", sourceSize, CLASS, made, target, stoppedBy == null ? "" : " (stopped: " + stoppedBy + ")");
            System.out.printf("%10s %12s %12s %10s%n", "clones", "RSS MiB", "heap MiB", "threads");
            for (long[] s : samples) {
                System.out.printf(Locale.ROOT, "%10d %12d %12d %10d%n", s[0], s[1], s[2], s[3]);
            }
            long[] first = samples.get(0);
            long[] last = samples.get(samples.size() - 1);
            long n = last[0] - first[0];
            // RSS from the first sample with clones: before it the JVM may still be giving back the memory the
            // source's fill used (G1 uncommits after a GC), which would hide the clones' growth.
            long[] rssFrom = samples.size() > 2 ? samples.get(1) : first;
            long rssN = last[0] - rssFrom[0];
            if (n > 0 && rssN > 0) {
                System.out.printf(Locale.ROOT, "per idle clone: RSS %.2f MiB (clones %d to %d), heap %.2f MiB, threads %.2f"
                                + " (restore+instance median %.0f ms)%n", (double) (last[1] - rssFrom[1]) / rssN, rssFrom[0],
                        last[0], (double) (last[2] - first[2]) / n, (double) (last[3] - first[3]) / n, makeMsMedian);
            }
            System.out.printf("target: >= 200 live idle clones on this machine: %s%n", made >= 200 ? "PASS" : "FAIL");
        }
    }

    LiveClones(RdsApi api, String source, int target) {
        this.api = api;
        this.source = source;
        this.target = target;
    }

    Result run() throws Exception {
        List<long[]> samples = new ArrayList<>();
        samples.add(sample(0));
        List<String[]> endpoints = new ArrayList<>();
        List<Double> makeMs = new ArrayList<>();
        String stoppedBy = null;
        for (int i = 1; i <= target; i++) {
            String name = "idle-" + i;
            try {
                long t0 = System.nanoTime();
                String xml = api.call("RestoreDBClusterToPointInTime", "DBClusterIdentifier", name,
                        "SourceDBClusterIdentifier", source, "RestoreType", "copy-on-write", "UseLatestRestorableTime", "true");
                api.call("CreateDBInstance", "DBInstanceIdentifier", name + "-1", "DBClusterIdentifier", name,
                        "Engine", "aurora-mysql", "DBInstanceClass", CLASS);
                makeMs.add((System.nanoTime() - t0) / 1e6);
                endpoints.add(new String[] {RdsApi.field(xml, "Endpoint"), RdsApi.field(xml, "Port")});
            } catch (Exception | OutOfMemoryError e) {
                stoppedBy = e.toString();
                break;
            }
            if (i % STEP == 0 || i == target) {
                samples.add(sample(i));
                System.out.printf(Locale.ROOT, "  %d live clones: RSS %d MiB, heap %d MiB, %d threads%n", i,
                        samples.get(samples.size() - 1)[1], samples.get(samples.size() - 1)[2], samples.get(samples.size() - 1)[3]);
            }
        }
        int answered = 0;
        for (String[] e : endpoints) {
            if (answers(e[0], Integer.parseInt(e[1]))) {
                answered++;
            }
        }
        if (answered != endpoints.size() && stoppedBy == null) {
            stoppedBy = (endpoints.size() - answered) + " clones did not answer";
        }
        for (int i = 1; i <= endpoints.size(); i++) {
            api.call("DeleteDBInstance", "DBInstanceIdentifier", "idle-" + i + "-1");
            api.call("DeleteDBCluster", "DBClusterIdentifier", "idle-" + i, "SkipFinalSnapshot", "true");
        }
        return new Result(target, answered, stoppedBy, samples,
                makeMs.isEmpty() ? 0 : CloneToQueryBench.median(makeMs));
    }

    private static boolean answers(String host, int port) {
        try (Connection c = CloneToQueryBench.connect(host, port); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bench.marks")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** {clones, RSS MiB, heap in use after GC MiB, live threads}. */
    private static long[] sample(int clones) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        long rssKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {clones, rssKb >> 10, heap, ManagementFactory.getThreadMXBean().getThreadCount()};
    }
}
