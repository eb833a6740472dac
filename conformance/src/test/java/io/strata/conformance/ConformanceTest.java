package io.strata.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite against Strata: every category's statements through Connector/J, compared with the
 * answers recorded from MariaDB 10.11. Prints the pass count per category. Fails on a difference not listed
 * in differences.tsv, and on a listed difference that no longer occurs (so the list stays true).
 */
class ConformanceTest {
    static final Path DIR = Path.of(System.getProperty("conformance.dir", "."));
    /** {@code -Dconformance.only=CATEGORY} runs one category (while working on it); CI runs them all. */
    static final String ONLY = System.getProperty("conformance.only", "");

    @Test
    void strataAnswersAsRecorded() throws Exception {
        Differences listed = Differences.read(DIR.resolve("differences.tsv"));
        List<String> problems = new ArrayList<>();
        int total = 0, passed = 0, known = 0;
        StringBuilder report = new StringBuilder("\nConformance (Strata vs answers recorded from MariaDB 10.11)\n");
        report.append(String.format("%-22s %6s %6s %7s %7s%n", "category", "stmts", "pass", "listed", "failed"));
        try (InProcessStrata strata = new InProcessStrata()) {
            for (CaseFile f : CaseFile.readAll(DIR.resolve("cases"))) {
                if (!ONLY.isEmpty() && !ONLY.equals(f.category())) continue;
                Map<Integer, Outcome> expected = Suite.read(Suite.expectedFile(DIR, f.category()), f);
                List<Outcome> actual = Suite.run(strata.url(), InProcessStrata.USER, InProcessStrata.PASSWORD, f);
                int pass = 0, diff = 0, fail = 0;
                for (int i = 0; i < actual.size(); i++) {
                    String id = f.category() + ":" + (i + 1);
                    String sql = f.statements().get(i);
                    boolean ok = actual.get(i).matches(expected.get(i + 1));
                    if (listed.listed(id)) {
                        String mismatch = listed.mismatch(id, sql);
                        if (mismatch != null) problems.add(mismatch);
                        if (ok) problems.add(id + " is listed in differences.tsv but now passes: remove it (" + sql + ")");
                        else diff++;
                    } else if (ok) {
                        pass++;
                    } else {
                        fail++;
                        problems.add(id + " " + Suite.oneLine(sql) + "\n    expected: "
                                + expected.get(i + 1).render().strip().replace("\n", " | ") + "\n    strata:   "
                                + actual.get(i).render().strip().replace("\n", " | "));
                    }
                }
                total += actual.size();
                passed += pass;
                known += diff;
                report.append(String.format("%-22s %6d %6d %7d %7d%n", f.category(), actual.size(), pass, diff, fail));
            }
        }
        for (String id : listed.entries().keySet()) {
            String category = id.substring(0, id.indexOf(':'));
            if (!ONLY.isEmpty()) break;
            if (!DIR.resolve("cases").resolve(category + ".sql").toFile().exists()) problems.add(id + ": no such category");
        }
        report.append(String.format("%-22s %6d %6d %7d %7d%n", "total", total, passed, known, total - passed - known));
        System.out.println(report);
        assertThat(problems).as("unlisted differences and stale entries of differences.tsv").isEmpty();
    }
}
