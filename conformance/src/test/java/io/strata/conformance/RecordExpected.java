package io.strata.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code expected/*.txt} from a reference server (MariaDB 10.11, see record-expected.sh):
 * {@code RecordExpected CONFORMANCE_DIR HOST PORT USER PASSWORD}, with the suite's Connector/J settings.
 */
public final class RecordExpected {
    private RecordExpected() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir.resolve("expected"));
        for (CaseFile f : CaseFile.readAll(dir.resolve("cases"))) {
            String url = "jdbc:mysql://" + args[1] + ":" + args[2] + "/?" + Suite.URL_PARAMS;
            List<Outcome> outcomes = Suite.run(url, args[3], args[4], f);
            Suite.write(Suite.expectedFile(dir, f.category()), f, outcomes);
            long errors = outcomes.stream().filter(o -> o.kind().equals("error")).count();
            System.out.printf("%-22s %4d statements recorded (%d errors)%n", f.category(), outcomes.size(), errors);
        }
    }
}
