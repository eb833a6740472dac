package io.strata.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the case files over one JDBC URL: each category in its own database {@code conf_CATEGORY}, created
 * fresh, statements in order on one connection. Used to record expected answers (from MariaDB) and to
 * check Strata against them.
 */
final class Suite {
    /** Same Connector/J settings for recording and checking: text protocol, no TLS, UTC session time zone. */
    static final String URL_PARAMS = "sslMode=DISABLED&allowPublicKeyRetrieval=true&useServerPrepStmts=false"
            + "&connectionTimeZone=SERVER&characterEncoding=UTF-8";

    private Suite() {}

    /** The outcomes of every statement of {@code file}, in order. */
    static List<Outcome> run(String url, String user, String password, CaseFile file) throws SQLException {
        String db = "conf_" + file.category();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db);
            st.execute("USE " + db);
            st.execute("SET time_zone = '+00:00'");
            List<Outcome> out = new ArrayList<>();
            for (String sql : file.statements()) out.add(Outcome.of(st, sql));
            if (!c.getAutoCommit()) c.rollback();
            c.setAutoCommit(true);
            st.execute("DROP DATABASE IF EXISTS " + db);
            return out;
        }
    }

    static Path expectedFile(Path dir, String category) {
        return dir.resolve("expected").resolve(category + ".txt");
    }

    static void write(Path file, CaseFile cases, List<Outcome> outcomes) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < outcomes.size(); i++) {
            sb.append("== ").append(i + 1).append('\n').append(oneLine(cases.statements().get(i))).append('\n')
                    .append(outcomes.get(i).render());
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static String oneLine(String sql) {
        return sql.replace("\n", " ");
    }

    /** Statement number to its expected outcome; the statement text is checked against the case file. */
    static Map<Integer, Outcome> read(Path file, CaseFile cases) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<Integer, Outcome> out = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).startsWith("== ")) throw new IOException(file + ":" + (i + 1) + ": expected '== N'");
            int n = Integer.parseInt(lines.get(i).substring(3).strip());
            String sql = lines.get(i + 1);
            if (n > cases.statements().size() || !oneLine(cases.statements().get(n - 1)).equals(sql)) {
                throw new IOException(file + ": statement " + n + " is not the case file's: re-run record-expected.sh");
            }
            int j = i + 2;
            while (j < lines.size() && !lines.get(j).startsWith("== ")) j++;
            out.put(n, Outcome.parse(lines.subList(i + 2, j)));
            i = j;
        }
        if (out.size() != cases.statements().size()) {
            throw new IOException(file + ": " + out.size() + " answers for " + cases.statements().size()
                    + " statements: re-run record-expected.sh");
        }
        return out;
    }
}
