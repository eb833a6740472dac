package io.strata.bench.oltp;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wire-level OLTP benchmark over MySQL Connector/J: sysbench-like point selects, read-write transactions and
 * single-row inserts against one or more MySQL-protocol servers; the first {@code --target} is the baseline.
 *
 * <p>For each workload the table {@code sbtest1} is reloaded on every target, then for each connection count
 * there is one unmeasured warm-up run and {@code --runs} measured runs per target; the table reports medians
 * and, for every non-baseline target, its ratio to the baseline against the workload's threshold. Exit status: 0 when the
 * benchmark ran (whatever the verdicts), 1 on a target that could not be measured at all, 2 on bad arguments.
 * CPU pinning is the caller's job (see {@code run.sh}).
 */
public final class OltpBench {

  private final BenchConfig config;
  private final PrintStream out;
  private final RunDriver driver;
  private long seed = 1;

  /**
   * @param config settings
   * @param out    where progress and the table go
   */
  public OltpBench(BenchConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
    this.driver = new RunDriver(config);
  }

  /**
   * Entry point.
   *
   * @param args see {@link BenchConfig#USAGE}
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length == 0 || List.of(args).contains("--help")) {
      System.out.print(BenchConfig.USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    BenchConfig config;
    try {
      config = BenchConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("OltpBench: " + e.getMessage());
      System.err.print(BenchConfig.USAGE);
      System.exit(2);
      return;
    }
    System.exit(new OltpBench(config, System.out).run() ? 0 : 1);
  }

  /**
   * Measures every target and prints the table.
   *
   * <p>Targets are interleaved so that drift of the machine (other load, thermal, disk) hits them alike: for
   * each workload every target is loaded, then for each connection count every target is warmed up, then
   * measured run r of every target is taken before run r+1 of any, alternating the order (A B, B A, ...).
   *
   * @return false if some target could not be measured at all
   * @throws InterruptedException if interrupted
   */
  public boolean run() throws InterruptedException {
    out.printf(Locale.ROOT, "OLTP bench: %d rows, %d s runs x %d (+%d s warm-up per cell, %d s per server), "
        + "connections %s, workloads %s%n", config.rows(), config.durationSec(), config.runs(), config.warmupSec(),
        config.serverWarmupSec(), config.connections(), config.workloads().stream().map(Workload::label).toList());
    ResultTable table = new ResultTable(config.targets());
    List<Target> alive = new ArrayList<>();
    for (Target target : config.targets()) {
      try {
        out.println("== " + target.name() + ": " + target.redactedUrl() + " (" + serverVersion(target) + ")");
        alive.add(target);
      } catch (SQLException e) {
        fail(target, e);
      }
    }
    if (config.serverWarmupSec() > 0) {
      warmUpServers(alive);
    }
    for (Workload workload : config.workloads()) {
      loadAll(workload, alive);
      for (int connections : config.connections()) {
        measureCell(workload, connections, alive, table);
      }
    }
    out.println();
    out.print(table.render());
    return alive.size() == config.targets().size();
  }

  /**
   * Runs every workload on every live target, unmeasured, for {@code --server-warmup} seconds in all, so that
   * the cells measure servers in their steady state: a JVM server pinned to one CPU compiles its hot code
   * for a minute or more. Prints each warm-up run's rate, which shows that climb.
   */
  private void warmUpServers(List<Target> alive) throws InterruptedException {
    int connections = config.connections().stream().max(Integer::compare).orElse(1);
    int slices = config.workloads().size() * 2;
    int seconds = Math.max(1, config.serverWarmupSec() / slices);
    loadAll(config.workloads().get(0), alive);
    Map<Target, StringBuilder> lines = new LinkedHashMap<>();
    for (int slice = 0; slice < slices; slice++) {
      Workload workload = config.workloads().get(slice % config.workloads().size());
      for (Target target : List.copyOf(alive)) {
        try {
          RunResult result = driver.run(target, workload, connections, seconds, seed++);
          lines.computeIfAbsent(target, t -> new StringBuilder())
              .append(String.format(Locale.ROOT, " %s %.0f", workload.label(), result.opsPerSecond()));
        } catch (SQLException e) {
          fail(target, e);
          alive.remove(target);
        }
      }
    }
    lines.forEach((target, line) -> out.printf(Locale.ROOT, "   %-10s server warm-up, %d s per run, conns=%d, ops/s:%s%n",
        target.name(), seconds, connections, line));
  }

  /** Reloads sbtest1 on every live target, dropping the ones that fail, then lets the servers settle. */
  private void loadAll(Workload workload, List<Target> alive) throws InterruptedException {
    for (Target target : List.copyOf(alive)) {
      try {
        double loadSec = SchemaLoader.load(target, config.rows(), config.loadBatch());
        out.printf(Locale.ROOT, "   %-10s %s: loaded %d rows in %.1f s%n", target.name(), workload.label(),
            config.rows(), loadSec);
      } catch (SQLException e) {
        fail(target, e);
        alive.remove(target);
      }
    }
    Thread.sleep(config.settleSec() * 1000L);
  }

  /**
   * One (workload, connections) cell: a warm-up run per target, then the measured runs, interleaved across
   * targets with alternating order; drops targets that fail.
   */
  private void measureCell(Workload workload, int connections, List<Target> alive, ResultTable table)
      throws InterruptedException {
    table.declare(workload, connections);
    Map<Target, StringBuilder> lines = new LinkedHashMap<>();
    for (int r = config.warmupSec() > 0 ? -1 : 0; r < config.runs(); r++) {
      List<Target> order = new ArrayList<>(alive);
      if (r % 2 != 0) {
        Collections.reverse(order);
      }
      for (Target target : order) {
        try {
          int seconds = r < 0 ? config.warmupSec() : config.durationSec();
          RunResult result = driver.run(target, workload, connections, seconds, seed++);
          if (r >= 0) {
            table.add(target, workload, connections, result);
            lines.computeIfAbsent(target, t -> new StringBuilder()).append(describe(result));
          }
        } catch (SQLException e) {
          fail(target, e);
          alive.remove(target);
        }
      }
    }
    lines.forEach((target, line) -> out.printf(Locale.ROOT, "   %-10s %-12s conns=%d ops/s:%s -> median %.1f%n",
        target.name(), workload.label(), connections, line, table.median(target, workload, connections)));
  }

  private void fail(Target target, SQLException e) {
    out.println("!! " + target.name() + " could not be measured further: " + RunDriver.describe(e));
  }

  private static String describe(RunResult result) {
    String s = String.format(Locale.ROOT, " %.1f", result.opsPerSecond());
    if (result.aborts() + result.errors() > 0) {
      s += String.format(Locale.ROOT, " (aborts %d, errors %d; first: %s)",
          result.aborts(), result.errors(), result.firstError());
    }
    return s;
  }

  /** @return the server's product name and version as reported over JDBC */
  private static String serverVersion(Target target) throws SQLException {
    try (Connection c = DriverManager.getConnection(target.url())) {
      DatabaseMetaData md = c.getMetaData();
      return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
    }
  }
}
