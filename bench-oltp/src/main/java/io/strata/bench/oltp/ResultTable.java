package io.strata.bench.oltp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the runs of every (workload, connections, target) cell and prints the comparison table: each
 * target's median ops/s, then for every non-baseline target its ratio to the baseline, the workload's
 * threshold and PASS/FAIL.
 */
public final class ResultTable {

  /** A row of the table. */
  private record Cell(Workload workload, int connections) {
  }

  private final List<Target> targets;
  private final Map<Cell, Map<String, List<RunResult>>> runs = new LinkedHashMap<>();

  /** @param targets all targets, baseline first */
  public ResultTable(List<Target> targets) {
    this.targets = List.copyOf(targets);
  }

  /**
   * Records one measured run.
   *
   * @param target      the target
   * @param workload    the workload
   * @param connections the connection count
   * @param result      the run's outcome
   */
  public void add(Target target, Workload workload, int connections, RunResult result) {
    runs.computeIfAbsent(new Cell(workload, connections), k -> new LinkedHashMap<>())
        .computeIfAbsent(target.name(), k -> new ArrayList<>())
        .add(result);
  }

  /**
   * Declares a row so it appears even if some target produced no run for it (shown as n/a, FAIL).
   *
   * @param workload    the workload
   * @param connections the connection count
   */
  public void declare(Workload workload, int connections) {
    runs.computeIfAbsent(new Cell(workload, connections), k -> new LinkedHashMap<>());
  }

  /**
   * @param target      the target
   * @param workload    the workload
   * @param connections the connection count
   * @return median ops/s over the recorded runs, or NaN if there is none
   */
  public double median(Target target, Workload workload, int connections) {
    List<RunResult> r = runs.getOrDefault(new Cell(workload, connections), Map.of()).get(target.name());
    return r == null || r.isEmpty() ? Double.NaN : Stats.median(r.stream().map(RunResult::opsPerSecond).toList());
  }

  /** @return the table as text, one line per (workload, connections), followed by a legend */
  public String render() {
    List<String> header = new ArrayList<>(List.of("workload", "conns"));
    for (Target t : targets) {
      header.add(t.name() + " ops/s");
    }
    Target base = targets.get(0);
    for (Target t : targets.subList(1, targets.size())) {
      header.add(t.name() + "/" + base.name());
      header.add("need");
      header.add("verdict");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    boolean flagged = false;
    for (Cell cell : runs.keySet()) {
      List<String> row = new ArrayList<>(List.of(cell.workload().label(), Integer.toString(cell.connections())));
      for (Target t : targets) {
        boolean hadErrors = hadFailures(t, cell);
        flagged |= hadErrors;
        row.add(format(median(t, cell.workload(), cell.connections())) + spread(t, cell) + (hadErrors ? "*" : ""));
      }
      double baseOps = median(base, cell.workload(), cell.connections());
      for (Target t : targets.subList(1, targets.size())) {
        double ratio = median(t, cell.workload(), cell.connections()) / baseOps;
        boolean pass = !Double.isNaN(ratio) && ratio >= cell.workload().threshold();
        row.add(Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio));
        row.add(String.format(Locale.ROOT, ">=%.1fx", cell.workload().threshold()));
        row.add(pass ? "PASS" : "FAIL");
      }
      rows.add(row);
    }
    StringBuilder out = new StringBuilder(align(rows));
    out.append("ops/s = median of the measured runs (±: half their max-min range, % of the median); "
        + "read_write counts whole committed transactions (14 statements + commit).\n");
    if (flagged) {
      out.append("* some runs had failed ops (aborts or errors), see the run details above.\n");
    }
    return out.toString();
  }

  /** @return true if any run of the target in the cell had an abort or an error */
  private boolean hadFailures(Target t, Cell cell) {
    List<RunResult> r = runs.get(cell).get(t.name());
    return r != null && r.stream().anyMatch(x -> x.aborts() + x.errors() > 0);
  }

  /** @return {@code " ±N%"}: half the max-min range of the runs relative to their median, or "" */
  private String spread(Target t, Cell cell) {
    List<RunResult> r = runs.get(cell).get(t.name());
    if (r == null || r.size() < 2) {
      return "";
    }
    double max = r.stream().mapToDouble(RunResult::opsPerSecond).max().orElseThrow();
    double min = r.stream().mapToDouble(RunResult::opsPerSecond).min().orElseThrow();
    double median = Stats.median(r.stream().map(RunResult::opsPerSecond).toList());
    return median > 0 ? String.format(Locale.ROOT, " ±%.0f%%", 50 * (max - min) / median) : "";
  }

  private static String format(double opsPerSecond) {
    return Double.isNaN(opsPerSecond) ? "n/a" : String.format(Locale.ROOT, "%.1f", opsPerSecond);
  }

  /** Right-aligns every column except the first. */
  static String align(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        out.append(i == 0 ? cell + pad : "  " + pad + cell);
      }
      out.append('\n');
    }
    return out.toString();
  }
}
