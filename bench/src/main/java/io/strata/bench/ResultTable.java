package io.strata.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.strata.bench.BenchUtil.fmt;

/** Prints figures with the sizes side by side, the largest/smallest ratio, the target and PASS/FAIL. */
final class ResultTable {
    private final List<Long> sizes;
    private final Map<Long, Map<String, Double>> results;
    final List<String> cols;
    final List<String[]> lines = new ArrayList<>();
    int passes;
    int fails;

    ResultTable(List<Long> sizes, Map<Long, Map<String, Double>> results) {
        this.sizes = sizes;
        this.results = results;
        this.cols = sizes.stream().map(BenchUtil::sizeName).toList();
    }

    void section(String title) {
        lines.add(new String[] {"## " + title});
    }

    /**
     * A figure per size. {@code ok} (nullable: info only) must hold for every size; if {@code maxScale} > 0 the
     * largest size's figure must also be within maxScale x the smallest's.
     */
    void row(String name, String unit, String key, String target, java.util.function.DoublePredicate ok, double maxScale) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        cells.add(unit);
        boolean pass = true;
        Double first = null;
        Double last = null;
        for (long s : sizes) {
            Double v = results.get(s).get(key);
            cells.add(v == null ? "-" : fmt(v));
            if (v != null) {
                if (first == null) {
                    first = v;
                }
                last = v;
                if (ok != null && !ok.test(v)) {
                    pass = false;
                }
            }
        }
        String scale = first != null && last != null && first != 0 && sizes.size() > 1 ? fmt(last / first) + "x" : "";
        // Scaling check; for times, differences under 0.1 ms are timer / fsync jitter, not scaling.
        if (maxScale > 0 && first != null && last / first > maxScale && !(unit.equals("ms") && last - first < 0.1)) {
            pass = false;
        }
        cells.add(scale);
        cells.add(target);
        cells.add(verdict(ok == null && maxScale == 0 ? null : pass));
        lines.add(cells.toArray(new String[0]));
    }

    /** a/b per size; passes if a/b <= max or |a-b| < absTolMs (differences below the timer noise floor). */
    void ratioRow(String name, String a, String b, String target, double max, double absTolMs) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        cells.add("x");
        boolean pass = true;
        for (long s : sizes) {
            double va = results.get(s).get(a);
            double vb = results.get(s).get(b);
            double ratio = va / vb;
            cells.add(fmt(ratio));
            if (ratio > max && Math.abs(va - vb) >= absTolMs) {
                pass = false;
            }
            if (1 / ratio > max && Math.abs(va - vb) >= absTolMs) {
                pass = false;
            }
        }
        cells.add("");
        cells.add(target);
        cells.add(verdict(pass));
        lines.add(cells.toArray(new String[0]));
    }

    /** Verdict on the largest size's figure only (restart target). */
    void largestRow(String key, java.util.function.DoublePredicate ok) {
        String[] prev = lines.get(lines.size() - 1);
        double v = results.get(sizes.get(sizes.size() - 1)).get(key);
        prev[prev.length - 1] = verdict(ok.test(v));
    }

    String verdict(Boolean pass) {
        if (pass == null) {
            return "";
        }
        if (pass) {
            passes++;
        } else {
            fails++;
        }
        return pass ? "PASS" : "FAIL";
    }

    void print() {
        List<String> header = new ArrayList<>(List.of("figure", "unit"));
        header.addAll(cols);
        header.add(sizes.size() > 1 ? "largest/smallest" : "");
        header.add("target");
        header.add("result");
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
        }
        for (String[] l : lines) {
            if (l.length == n) {
                for (int i = 0; i < n; i++) {
                    w[i] = Math.max(w[i], l[i].length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\n==== RESULTS ====\n");
        appendLine(sb, header.toArray(new String[0]), w);
        int total = Arrays.stream(w).sum() + 3 * (n - 1);
        sb.append("-".repeat(total)).append('\n');
        for (String[] l : lines) {
            if (l.length == 1) {
                sb.append(l[0]).append('\n');
            } else {
                appendLine(sb, l, w);
            }
        }
        sb.append("-".repeat(total)).append('\n');
        sb.append("* a time difference under 0.1 ms counts as equal (timer and fsync jitter)\n");
        sb.append(String.format("%d PASS, %d FAIL%n", passes, fails));
        System.out.print(sb);
    }

    void appendLine(StringBuilder sb, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            boolean numeric = i >= 2 && i < 2 + cols.size() + 1;
            String c = cells[i];
            String pad = " ".repeat(Math.max(0, w[i] - c.length()));
            sb.append(numeric ? pad + c : c + pad);
            if (i < cells.length - 1) {
                sb.append(" | ");
            }
        }
        sb.append('\n');
    }
}
