package io.strata.cli.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The step-by-step timing table {@code strata run} prints at the end: one column per run. */
final class TimingTable {
    private static final List<String> STEPS = List.of("clone", "schema", "tests", "teardown");

    private TimingTable() {
    }

    static void print(PrintStream err, List<RunResult> results, long totalNanos) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("step"));
        results.forEach(r -> header.add("run " + r.index + " (" + r.clone + ")"));
        rows.add(header);
        for (String step : STEPS) {
            List<String> row = new ArrayList<>(List.of(step));
            for (RunResult r : results) {
                Long t = r.steps.get(step);
                String cell = t == null ? "-" : time(t);
                if (step.equals("schema") && t != null && !r.schemaDetail.isEmpty()) {
                    cell += " (" + r.schemaDetail + ")";
                }
                if (step.equals("tests") && t != null) {
                    cell += r.exitCode == RunResult.TIMEOUT ? " (timeout)" : " (exit " + r.exitCode + ")";
                }
                row.add(cell);
            }
            rows.add(row);
        }
        List<String> result = new ArrayList<>(List.of("result"));
        for (RunResult r : results) {
            String outcome = r.exitCode == 0 ? "passed" : r.exitCode == RunResult.SETUP_FAILED ? "setup failed"
                    : r.exitCode == RunResult.TIMEOUT ? "timed out" : "failed";
            result.add(outcome + (r.kept ? ", clone kept" : ", clone deleted"));
        }
        rows.add(result);
        int[] w = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                b.append(String.format(Locale.ROOT, "%-" + w[i] + "s  ", row.get(i)));
            }
            err.println(b.toString().stripTrailing());
        }
        err.println("total " + time(totalNanos));
    }

    static String time(long nanos) {
        double ms = nanos / 1e6;
        return ms < 10_000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
}
