package io.strata.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits per second through {@link CommitGate}, with the chunks H2 stored, the points appended and the
 * fsyncs made per commit (below 1 when concurrent commits share them: group commit). A measurement, not a
 * check: runs only with {@code -Dstrata.bench=true}. Two workloads:
 * <ul>
 *   <li>{@code insert} (default): each thread inserts single rows with auto-commit into one table of
 *       {@code -Dstrata.bench.prefill=} rows (default 100,000), like a wire client sending INSERTs;</li>
 *   <li>{@code counter}: the {@link CounterWorkload} (two statements and a COMMIT per transaction), with and
 *       without the statement exclusion of the gate ({@code -Dstrata.bench.exclusionOff=true}).</li>
 * </ul>
 * Options: {@code -Dstrata.bench.workload=insert,counter}, {@code -Dstrata.bench.millis=} (per run, 5,000),
 * {@code -Dstrata.bench.threads=} a list such as {@code 1,4}, {@code -Dstrata.bench.fsync=true}. Each
 * configuration runs twice (the first run warms the JIT). CPU per commit is printed for the whole JVM
 * (storage's threads and GC included) and, for {@code insert}, for the committing threads alone (statement,
 * H2 commit, stores; less sensitive to a shared machine than commits/s).
 */
class CommitThroughputBench {

    @TempDir
    Path dir;

    @Test
    void commitsPerSecond() throws Exception {
        assumeTrue(Boolean.getBoolean("strata.bench"), "bench only");
        long millis = Long.getLong("strata.bench.millis", 5_000);
        boolean fsync = Boolean.getBoolean("strata.bench.fsync");
        int prefill = Integer.getInteger("strata.bench.prefill", 100_000);
        boolean[] modes = Boolean.getBoolean("strata.bench.exclusionOff")
                ? new boolean[] {false, true, false, true} : new boolean[] {true, true};
        for (String workload : System.getProperty("strata.bench.workload", "insert").split(",")) {
            for (String t : System.getProperty("strata.bench.threads", "1,4").split(",")) {
                int threads = Integer.parseInt(t.trim());
                for (boolean exclusion : workload.equals("counter") ? modes : new boolean[] {true, true}) {
                    try (PageStore store = PageStore.open(dir.resolve("b" + System.nanoTime()),
                            StoreOptions.defaults().withFsync(fsync));
                         Database db = Database.open(store.createVolume("bench", VolumeOptions.defaults()),
                                 EngineOptions.defaults().withCommitExclusion(exclusion))) {
                        Runner runner = workload.equals("counter") ? counter(db, threads, prefill) : inserts(db, threads, prefill);
                        Volume volume = db.volume();
                        long chunks = db.chunkWrites();
                        int points = volume.points().size();
                        long fsyncs = store.fsyncs();
                        long cpu = processCpuNanos();
                        long end = System.nanoTime() + millis * 1_000_000;
                        AtomicLong workerCpu = new AtomicLong();
                        long commits = runner.run(() -> System.nanoTime() > end, workerCpu);
                        cpu = processCpuNanos() - cpu;
                        System.out.printf("bench: %s, fsync %s, exclusion %s, %d threads: %.0f commits/s; per commit "
                                        + "%.2f chunks, %.2f points, %.2f fsyncs, %.0f us CPU (process), %s%n",
                                workload, fsync ? "on " : "off", exclusion ? "on " : "off", threads,
                                commits * 1000.0 / millis, (db.chunkWrites() - chunks) / (double) commits,
                                (volume.points().size() - points) / (double) commits,
                                (store.fsyncs() - fsyncs) / (double) commits, cpu / 1000.0 / commits,
                                workerCpu.get() == 0 ? "" : String.format("%.0f us CPU (committing threads)",
                                        workerCpu.get() / 1000.0 / commits));
                    }
                }
            }
        }
    }

    /** Runs a workload until the condition holds; returns the commits made. */
    private interface Runner {
        /** Adds the CPU time of the committing threads to {@code cpu} if it can tell it. */
        long run(BooleanSupplier stop, AtomicLong cpu) throws Exception;
    }

    private static Runner counter(Database db, int threads, int prefill) throws SQLException {
        CounterWorkload workload = new CounterWorkload(db, threads);
        prefill(db, "INSERT INTO kv SELECT " + 90 * CounterWorkload.RANGE + " + X, 0, 0, 'prefill' FROM SYSTEM_RANGE(1, ", prefill);
        return (stop, cpu) -> {
            workload.run(stop);
            return workload.commits();
        };
    }

    private static Runner inserts(Database db, int threads, int prefill) throws SQLException {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, k INT, pad VARCHAR(100))");
        }
        prefill(db, "INSERT INTO t SELECT X, MOD(X, 100), 'prefill' FROM SYSTEM_RANGE(1, ", prefill);
        return (stop, cpu) -> {
            AtomicLong commits = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long first = (i + 1) * 100_000_000L;
                Thread w = new Thread(() -> {
                    try (Connection c = db.open();
                         PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?, 'a single row')")) {
                        for (long id = first; !stop.getAsBoolean(); id++) {
                            insert.setLong(1, id);
                            insert.setInt(2, (int) (id % 100));
                            insert.executeUpdate();
                            commits.incrementAndGet();
                        }
                        cpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "inserter-" + i);
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return commits.get();
        };
    }

    private static void prefill(Database db, String insertSelectFromRange, int rows) throws SQLException {
        if (rows == 0) {
            return;
        }
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.executeUpdate(insertSelectFromRange + rows + ")");
        }
    }

    /** CPU time of this JVM so far (all threads, JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
