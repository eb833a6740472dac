package io.strata.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads MySQL's Sakila sample database through the `mariadb` client — the published schema and data files,
 * and a real mariadb-dump file — and checks row counts and joins against answers recorded from MariaDB 10.11.
 */
class SakilaTest {
    static final Path DATA = Path.of(System.getProperty("strata.shared", "../../shared")).resolve("data/sakila");
    /** Each test gets its own server and data directory. */
    static StrataServerProcess server;

    /** Row counts recorded from MariaDB 10.11 with the same files. */
    static final Map<String, Long> COUNTS = new LinkedHashMap<>();

    static {
        Object[][] c = {{"actor", 200}, {"address", 603}, {"category", 16}, {"city", 600}, {"country", 109},
                {"customer", 599}, {"film", 1000}, {"film_actor", 5462}, {"film_category", 1000}, {"inventory", 4581},
                {"language", 6}, {"payment", 16049}, {"rental", 16044}, {"staff", 2}, {"store", 2}};
        for (Object[] e : c) {
            COUNTS.put((String) e[0], ((Integer) e[1]).longValue());
        }
    }

    @BeforeEach
    void start() throws Exception {
        MariadbClient.require();
        server = StrataServerProcess.start(Files.createTempDirectory("strata-sakila-"), StrataServerProcess.freePort());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void publishedSchemaAndDataLoadThroughTheMariadbClient() throws Exception {
        MariadbClient.Result schema;
        try (InputStream in = Files.newInputStream(DATA.resolve("sakila-schema.sql"))) {
            schema = MariadbClient.run(server, in, "--force");
        }
        MariadbClient.Result data;
        try (InputStream in = Files.newInputStream(DATA.resolve("sakila-data.sql"))) {
            data = MariadbClient.run(server, in, "--force");
        }
        assertOnlyKnownErrors(schema.stderr() + schema.stdout());
        assertOnlyKnownErrors(data.stderr() + data.stdout());
        checkAnswers("sakila");
    }

    @Test
    void realDumpFileLoadsThroughTheMariadbClient() throws Exception {
        MariadbClient.Result r;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DATA.resolve("sakila-mysqldump.sql.gz")))) {
            r = MariadbClient.run(server, in, "--force");
        }
        assertOnlyKnownErrors(r.stderr() + r.stdout());
        checkAnswers("sakila");
        try (Connection c = server.connect("sakila"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM film_text")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
        }
    }

    /**
     * The only errors the client may print: MySQL's 1235 "not supported" for the stored programs (triggers,
     * procedures, functions: issue #6 brings triggers), and the one view H2 cannot parse, actor_info, whose
     * GROUP_CONCAT(DISTINCT ... (subquery with GROUP_CONCAT) ... ORDER BY ... SEPARATOR) is listed in
     * docs/mysql-compatibility.md. Anything else fails the test.
     */
    static void assertOnlyKnownErrors(String clientOutput) {
        List<String> unexpected = new ArrayList<>();
        for (String line : clientOutput.split("\n")) {
            if (!line.startsWith("ERROR")) {
                continue;
            }
            boolean storedProgram = line.startsWith("ERROR 1235 ") && line.contains("does not support 'CREATE ");
            boolean actorInfoView = line.startsWith("ERROR 1064 ") && line.toUpperCase().contains("SEPARATOR ', ') AS");
            if (!storedProgram && !actorInfoView) {
                unexpected.add(line);
            }
        }
        assertThat(unexpected).as("client errors other than the known unsupported statements").isEmpty();
    }

    static void checkAnswers(String db) throws SQLException {
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            for (Map.Entry<String, Long> e : COUNTS.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + e.getKey())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows in %s", e.getKey()).isEqualTo(e.getValue());
                }
            }
            assertThat(rows(st, "SELECT c.name, COUNT(*) n FROM film_category fc JOIN category c ON c.category_id=fc.category_id"
                    + " GROUP BY c.name ORDER BY n DESC, c.name LIMIT 3")).containsExactly("Sports|74", "Foreign|73", "Family|69");
            assertThat(rows(st, "SELECT s.store_id, SUM(p.amount) FROM payment p JOIN staff st ON st.staff_id=p.staff_id"
                    + " JOIN store s ON s.store_id=st.store_id GROUP BY s.store_id ORDER BY s.store_id"))
                    .containsExactly("1|33489.47", "2|33927.04");
            assertThat(rows(st, "SELECT a.actor_id, a.first_name, a.last_name, COUNT(*) films FROM actor a"
                    + " JOIN film_actor fa ON fa.actor_id=a.actor_id GROUP BY a.actor_id, a.first_name, a.last_name"
                    + " ORDER BY films DESC, a.actor_id LIMIT 3"))
                    .containsExactly("107|GINA|DEGENERES|42", "102|WALTER|TORN|41", "198|MARY|KEITEL|40");
            assertThat(rows(st, "SELECT co.country, COUNT(*) customers FROM customer cu JOIN address ad ON ad.address_id=cu.address_id"
                    + " JOIN city ci ON ci.city_id=ad.city_id JOIN country co ON co.country_id=ci.country_id"
                    + " GROUP BY co.country ORDER BY customers DESC, co.country LIMIT 3"))
                    .containsExactly("India|60", "China|53", "United States|36");
        }
    }

    static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
