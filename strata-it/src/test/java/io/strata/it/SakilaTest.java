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
 * and a real mariadb-dump file — without --force (every statement must succeed, stored procedures and functions
 * included: they are kept, not run), checks row counts and joins against answers recorded from MariaDB 10.11,
 * and checks that Sakila's triggers run (film_text follows film; customer.create_date is filled) and survive a
 * restart of the server.
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
            schema = MariadbClient.run(server, in);
        }
        assertLoaded(schema);
        MariadbClient.Result data;
        try (InputStream in = Files.newInputStream(DATA.resolve("sakila-data.sql"))) {
            data = MariadbClient.run(server, in);
        }
        assertLoaded(data);
        checkAnswers("sakila");
        checkTriggers("sakila");
        server.close();
        server = StrataServerProcess.start(server.dataDir, server.port);
        checkTriggers("sakila"); // triggers live in the database on the volume
    }

    @Test
    void realDumpFileLoadsThroughTheMariadbClient() throws Exception {
        MariadbClient.Result r;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DATA.resolve("sakila-mysqldump.sql.gz")))) {
            r = MariadbClient.run(server, in);
        }
        assertLoaded(r);
        checkAnswers("sakila");
        checkTriggers("sakila");
        try (Connection c = server.connect("sakila"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM film_text")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
        }
    }

    /** The client loaded the whole file: exit status 0 and no error printed. */
    static void assertLoaded(MariadbClient.Result r) {
        assertThat(r.stderr() + r.stdout()).as("client output").doesNotContain("ERROR");
        assertThat(r.exitCode()).as("mariadb client exit status: %s", r.stderr()).isZero();
    }

    /** Sakila's triggers: ins_film, upd_film, del_film keep film_text in step; customer_create_date fills create_date. */
    static void checkTriggers(String db) throws SQLException {
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            assertThat(rows(st, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'sakila'"
                    + " ORDER BY TRIGGER_NAME")).contains("customer_create_date", "del_film", "ins_film", "upd_film");
            st.executeUpdate("INSERT INTO film (title, description, language_id) VALUES ('STRATA CLONE', 'A copy-on-write"
                    + " epic', 1)");
            String id = rows(st, "SELECT film_id FROM film WHERE title = 'STRATA CLONE'").get(0);
            assertThat(rows(st, "SELECT title, description FROM film_text WHERE film_id = " + id))
                    .containsExactly("STRATA CLONE|A copy-on-write epic");
            st.executeUpdate("UPDATE film SET title = 'STRATA BACKTRACK' WHERE film_id = " + id);
            assertThat(rows(st, "SELECT title FROM film_text WHERE film_id = " + id)).containsExactly("STRATA BACKTRACK");
            st.executeUpdate("DELETE FROM film WHERE film_id = " + id);
            assertThat(rows(st, "SELECT COUNT(*) FROM film_text WHERE film_id = " + id)).containsExactly("0");
            st.executeUpdate("INSERT INTO customer (store_id, first_name, last_name, address_id) VALUES (1, 'ANN', 'TEST', 1)");
            assertThat(rows(st, "SELECT create_date IS NOT NULL FROM customer WHERE last_name = 'TEST'")).containsExactly("1");
            st.executeUpdate("DELETE FROM customer WHERE last_name = 'TEST'");
        }
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
