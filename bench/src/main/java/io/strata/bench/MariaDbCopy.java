package io.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code bench/mariadb-copy.sh measure ROWS} (MariaDB's mariadb-backup and dump-and-restore copies of the
 * rows the Strata source holds, each timed to its first answered query) and reads its result line.
 */
final class MariaDbCopy {
    /** One size's figures: InnoDB bytes of the table, and each copy's milliseconds to the first query. */
    record Result(long rows, long dataBytes, long backupMs, String backupSteps, long dumpMs, String dumpSteps) {
    }

    private MariaDbCopy() {
    }

    static Result measure(long rows) throws IOException, InterruptedException {
        System.out.printf("mariadb: copying %,d rows with mariadb-backup and with dump-and-restore (bench/mariadb-copy.sh)%n", rows);
        Process p = new ProcessBuilder("bench/mariadb-copy.sh", "measure", Long.toString(rows))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench/mariadb-copy.sh failed (exit " + p.exitValue() + "): " + out);
        }
        String line = out.lines().reduce((a, b) -> b).orElse("");
        Map<String, String> f = new HashMap<>();
        for (String kv : line.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                f.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (!f.containsKey("backup_ms") || !f.containsKey("dump_ms")) {
            throw new IllegalStateException("unexpected output of bench/mariadb-copy.sh: " + out);
        }
        System.out.println("mariadb: " + line);
        return new Result(Long.parseLong(f.get("rows")), Long.parseLong(f.get("data_bytes")),
                Long.parseLong(f.get("backup_ms")), f.get("backup_steps"), Long.parseLong(f.get("dump_ms")), f.get("dump_steps"));
    }
}
