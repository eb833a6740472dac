package io.strata.bench.oltp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line settings of {@link OltpBench}.
 *
 * @param targets        servers to measure; the first is the baseline every other is compared with
 * @param workloads      workloads to run, in order
 * @param connections    connection counts to run each workload with, in order
 * @param durationSec    length of one measured run
 * @param warmupSec      unmeasured run before the measured runs of each (workload, connections) cell
 * @param serverWarmupSec unmeasured time, split over the workloads, that every server runs before the first cell:
 *                       a JVM server pinned to one CPU compiles its hot code for a minute or more, which
 *                       the cells would otherwise measure (a server process has no such cost after that)
 * @param settleSec      pause after loading, so the servers' background work (flushing, purge) settles
 * @param runs           measured runs per cell; the table shows their median
 * @param rows           rows loaded into sbtest1
 * @param loadBatch      rows per multi-row INSERT when loading
 * @param rangeSize      ids covered by the read-write range select
 */
public record BenchConfig(
    List<Target> targets,
    List<Workload> workloads,
    List<Integer> connections,
    int durationSec,
    int warmupSec,
    int serverWarmupSec,
    int settleSec,
    int runs,
    int rows,
    int loadBatch,
    int rangeSize) {

  /** The usage text printed for {@code --help} and on bad arguments. */
  public static final String USAGE = """
      usage: OltpBench --target NAME=JDBC_URL [--target NAME=JDBC_URL ...] [options]
        --target NAME=URL     server to measure, e.g. mariadb=jdbc:mysql://127.0.0.1:13306/sbtest?user=bench&password=bench
                              repeatable; the first target is the baseline
        --workloads LIST      comma-separated subset of point_select,read_write,insert (default: all three)
        --connections LIST    comma-separated connection counts (default: 1,4)
        --duration SEC        measured seconds per run (default: 10)
        --warmup SEC          unmeasured warm-up seconds per (workload, connections) cell (default: 5)
        --server-warmup SEC   unmeasured seconds every server runs the workloads before the first cell, split
                              over the workloads, at the largest connection count (default: 120; 0: none)
        --settle SEC          idle pause after loading the table on every target (default: 5)
        --runs N              measured runs per cell, median reported (default: 3)
        --rows N              rows loaded into sbtest1 (default: 100000)
        --load-batch N        rows per multi-row INSERT while loading (default: 1000)
        --range-size N        ids covered by the read-write range select (default: 100)
      """;

  /** Validates the settings. */
  public BenchConfig {
    targets = List.copyOf(targets);
    workloads = List.copyOf(workloads);
    connections = List.copyOf(connections);
    require(!targets.isEmpty(), "at least one --target is required");
    require(targets.stream().map(Target::name).distinct().count() == targets.size(), "target names must differ");
    require(!workloads.isEmpty(), "no workload selected");
    require(!connections.isEmpty() && connections.stream().allMatch(c -> c > 0), "connections must be > 0");
    require(durationSec > 0, "--duration must be > 0");
    require(warmupSec >= 0, "--warmup must be >= 0");
    require(serverWarmupSec >= 0, "--server-warmup must be >= 0");
    require(settleSec >= 0, "--settle must be >= 0");
    require(runs > 0, "--runs must be > 0");
    require(rows > 0, "--rows must be > 0");
    require(loadBatch > 0, "--load-batch must be > 0");
    require(rangeSize > 0 && rangeSize <= rows, "--range-size must be in [1, rows]");
  }

  /**
   * Parses command-line arguments ({@code --opt value} or {@code --opt=value}).
   *
   * @param args the arguments
   * @return the settings
   * @throws IllegalArgumentException on unknown options or bad values
   */
  public static BenchConfig parse(String... args) {
    List<Target> targets = new ArrayList<>();
    List<Workload> workloads = List.of(Workload.values());
    List<Integer> connections = List.of(1, 4);
    int duration = 10;
    int warmup = 5;
    int serverWarmup = 120;
    int settle = 5;
    int runs = 3;
    int rows = 100_000;
    int loadBatch = 1000;
    int rangeSize = 100;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      boolean inline = arg.startsWith("--") && eq > 0;
      String opt = inline ? arg.substring(0, eq) : arg;
      String value;
      if (inline) {
        value = arg.substring(eq + 1);
      } else {
        require(i + 1 < args.length, "missing value for " + opt);
        value = args[++i];
      }
      switch (opt) {
        case "--target" -> targets.add(Target.parse(value));
        case "--workloads" -> workloads = Arrays.stream(value.split(",")).map(Workload::fromLabel).toList();
        case "--connections" -> connections = Arrays.stream(value.split(",")).map(s -> toInt(opt, s)).toList();
        case "--duration" -> duration = toInt(opt, value);
        case "--warmup" -> warmup = toInt(opt, value);
        case "--server-warmup" -> serverWarmup = toInt(opt, value);
        case "--settle" -> settle = toInt(opt, value);
        case "--runs" -> runs = toInt(opt, value);
        case "--rows" -> rows = toInt(opt, value);
        case "--load-batch" -> loadBatch = toInt(opt, value);
        case "--range-size" -> rangeSize = toInt(opt, value);
        default -> throw new IllegalArgumentException("unknown option " + opt);
      }
    }
    return new BenchConfig(
        targets, workloads, connections, duration, warmup, serverWarmup, settle, runs, rows, loadBatch, rangeSize);
  }

  /** @return the baseline target (the first one) */
  public Target baseline() {
    return targets.get(0);
  }

  private static int toInt(String opt, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + ": not an integer: " + value, e);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
