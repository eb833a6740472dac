package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.strata.protocol.TestServer.Client;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mariadb-dump} of a Strata database with tables, keys, a foreign key, a trigger and views, loaded back
 * through the {@code mariadb} client into a fresh database: the tables, rows and views answer as before.
 * Required when {@code CI=true} (scripts/install-test-deps.sh installs the clients); skipped otherwise if missing.
 */
class MariaDbDumpTest {
    static TestServer server;
    static String dump, client;

    @BeforeAll
    static void start() {
        dump = find("mariadb-dump");
        client = find("mariadb");
        if (dump == null || client == null) {
            String why = "mariadb-dump or mariadb is not on the PATH: install them with scripts/install-test-deps.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + " (required when CI=true)");
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, name);
            if (f.canExecute()) return f.getAbsolutePath();
        }
        return null;
    }

    private static String run(Path stdin, Path stdout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(1, List.of("-h127.0.0.1", "-P" + server.port, "-u" + TestServer.USER, "-p" + TestServer.PASSWORD,
                "--skip-ssl"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (stdin != null) pb.redirectInput(stdin.toFile());
        if (stdout != null) pb.redirectOutput(stdout.toFile());
        Path err = Files.createTempFile("strata-dump", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(args[0] + " timed out");
        }
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + errors).isZero();
        return errors;
    }

    @Test
    void dumpOfTablesAndViewsLoadsBackIntoAFreshDatabase(@TempDir Path dir) throws Exception {
        try (Connection c = server.connect(Client.MYSQL); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE dumpsrc");
            st.execute("USE dumpsrc");
            st.execute("CREATE TABLE region (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE)");
            st.execute("CREATE TABLE sale (id INT AUTO_INCREMENT PRIMARY KEY, region_id INT NOT NULL, qty INT,"
                    + " price DECIMAL(8,2), note TEXT, sold DATE, KEY k_qty (qty),"
                    + " CONSTRAINT fk_region FOREIGN KEY (region_id) REFERENCES region (id))");
            st.execute("CREATE TABLE audit (sale_id INT, qty INT)");
            st.execute("CREATE TRIGGER sale_ai AFTER INSERT ON sale FOR EACH ROW INSERT INTO audit VALUES (NEW.id, NEW.qty)");
            st.execute("INSERT INTO region VALUES (1, 'north'), (2, 'south')");
            st.execute("INSERT INTO sale (region_id, qty, price, note, sold) VALUES (1, 3, 9.99, 'it''s \\\\ \"q\"', '2024-01-02'),"
                    + " (2, 5, 20.00, NULL, '2024-02-03'), (1, NULL, 1.25, 'x', NULL)");
            st.execute("CREATE VIEW big_sales AS SELECT s.id, r.name AS region, s.qty * s.price AS total FROM sale s"
                    + " JOIN region r ON r.id = s.region_id WHERE s.price > 5");
            st.execute("CREATE VIEW region_totals AS SELECT region, SUM(total) AS total, COUNT(*) AS n FROM big_sales"
                    + " GROUP BY region");
        }
        Path file = dir.resolve("dumpsrc.sql");
        run(null, file, dump, "--routines", "--triggers", "dumpsrc");
        String text = Files.readString(file);
        assertThat(text).contains("CREATE TABLE `sale`").contains("INSERT INTO `sale` VALUES")
                .contains("VIEW `big_sales` AS").contains("VIEW `region_totals` AS").contains("TRIGGER");
        try (Connection c = server.connect(Client.MYSQL); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE dumpdst");
        }
        run(file, null, client, "dumpdst");
        for (String q : List.of("SELECT * FROM region ORDER BY id", "SELECT * FROM sale ORDER BY id",
                "SELECT * FROM big_sales ORDER BY id", "SELECT * FROM region_totals ORDER BY region",
                "SELECT * FROM audit ORDER BY sale_id")) {
            assertThat(rows("dumpdst", q)).as(q).isEqualTo(rows("dumpsrc", q)).isNotEmpty();
        }
        try (Connection c = server.connect(Client.MYSQL); Statement st = c.createStatement()) {
            st.execute("USE dumpdst");
            st.execute("INSERT INTO sale (region_id, qty, price) VALUES (2, 7, 10.00)"); // the trigger came along
            try (ResultSet rs = st.executeQuery("SELECT qty FROM audit WHERE sale_id = 4")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }

    private static List<String> rows(String db, String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(Client.MYSQL); Statement st = c.createStatement()) {
            st.execute("USE " + db);
            try (ResultSet rs = st.executeQuery(query)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }
}
