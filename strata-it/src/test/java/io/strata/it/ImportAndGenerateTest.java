package io.strata.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `strata import` and `strata generate` against `strata server` in a child JVM, as a user runs them: the real
 * mariadb-dump of Sakila (gzip) with its row counts checked, a broken dump that stops at its line with the
 * MySQL error and keeps what came before, and generated sysbench data.
 */
class ImportAndGenerateTest {
    static final String PASSWORD = "prod-secret-1";
    static Path dir;
    static StrataServerProcess server;
    static Cli strata;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("strata-import-");
        server = StrataServerProcess.start(dir.resolve("data"), StrataServerProcess.freePort(), StrataServerProcess.freePort(),
                StrataServerProcess.freePort());
        strata = new Cli(server.apiUrl());
        for (String c : List.of("prod", "shop", "gen")) {
            Cli.Result r = strata.run("cluster", "create", c, "--master-password", PASSWORD);
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Connection connect(String cluster, String db) throws SQLException {
        return Clusters.connect(strata, cluster, db, PASSWORD);
    }

    @Test
    void sakilaDumpImportsWholeWithItsRowCountsAndTriggers() throws Exception {
        Path dump = SakilaTest.DATA.resolve("sakila-mysqldump.sql.gz");
        // No --force: every statement of the dump runs (its triggers run too; its routines are stored with a warning).
        Cli.Result r = strata.run("import", "prod", dump.toString(), "--password", PASSWORD);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported sakila-mysqldump.sql.gz into prod: 16 tables, 47,273 rows")
                .contains("rows per table: actor=200 address=603").doesNotContain("skipped")
                .contains("6 warning(s):")
                .contains("1235: Strata stored PROCEDURE sakila.rewards_report but does not run stored procedures");
        try (Connection c = connect("prod", "sakila")) {
            assertThat(Sql.rows(c, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'sakila'"
                    + " ORDER BY TRIGGER_NAME")).containsExactly("customer_create_date", "del_film", "ins_film",
                    "payment_date", "rental_date", "upd_film");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'sakila'"))
                    .isEqualTo(7);
            for (Map.Entry<String, Long> e : SakilaTest.COUNTS.entrySet()) {
                assertThat(Sql.count(c, "SELECT COUNT(*) FROM " + e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM film_text")).isEqualTo(1000);
            assertThat(Sql.rows(c, "SELECT s.store_id, SUM(p.amount) FROM payment p JOIN staff st ON st.staff_id=p.staff_id"
                    + " JOIN store s ON s.store_id=st.store_id GROUP BY s.store_id ORDER BY s.store_id"))
                    .containsExactly("1|33489.47", "2|33927.04");
            // A release's schema change on a table with triggers: H2 rebuilds the table, the triggers still run.
            Sql.exec(c, "ALTER TABLE film ADD COLUMN streaming_price DECIMAL(4,2) NULL");
            Sql.exec(c, "INSERT INTO film (title, description, language_id, streaming_price) VALUES ('STRATA DAYS', 'x', 1, 4.99)");
            Sql.exec(c, "UPDATE film SET title = 'STRATA NIGHTS' WHERE title = 'STRATA DAYS'");
            assertThat(Sql.rows(c, "SELECT t.title FROM film_text t JOIN film f ON f.film_id = t.film_id"
                    + " WHERE f.streaming_price = 4.99")).containsExactly("STRATA NIGHTS");
        }
        // Scaled Sakila: rentals copied in time, with Sakila's rental_date trigger set aside and put back.
        Cli.Result g = strata.run("generate", "prod", "--kind", "sakila", "--size", "12M", "--password", PASSWORD);
        assertThat(g.exitCode()).as(g.err()).isZero();
        try (Connection c = connect("prod", "sakila")) {
            long rentals = Sql.count(c, "SELECT COUNT(*) FROM rental");
            assertThat(rentals).isGreaterThan(16044).matches(n -> n % 16044 == 0, "whole copies of Sakila's 16,044 rentals");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT rental_date, inventory_id, customer_id FROM rental) d")).isEqualTo(rentals);
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'sakila'"
                    + " AND TRIGGER_NAME = 'rental_date'")).isEqualTo(1);
            Sql.exec(c, "INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id) VALUES ('2001-01-01', 1, 1, 1)");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM rental WHERE rental_id = LAST_INSERT_ID() AND rental_date > '2020-01-01'"))
                    .as("the trigger stamps new rentals again").isEqualTo(1);
        }
    }

    @Test
    void aBrokenDumpStopsAtItsLineWithTheMysqlErrorAndKeepsWhatCameBefore() throws Exception {
        String script = String.join("\n",
                "-- a dump with a mistake on line 12",
                "CREATE DATABASE shop;",
                "USE shop;",
                "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40));",
                "INSERT INTO item VALUES",
                "  (1, 'one; with a semicolon'),",
                "  (2, 'two'),",
                "  (3, 'three');",
                "/*!40101 SET NAMES utf8mb4 */;",
                "INSERT INTO item VALUES (4, 'four');",
                "",
                "INSERT INTO missing_table VALUES (5, 'five');",
                "INSERT INTO item VALUES (6, 'six');",
                "");
        Path gz = dir.resolve("broken.sql.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(script.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, bytes.toByteArray());
        Cli.Result r = strata.run("import", "shop", gz.toString(), "--password", PASSWORD);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("import stopped at line 12 of broken.sql.gz: ERROR 1146 (42S02)")
                .contains("missing_table").contains("statement: INSERT INTO missing_table VALUES (5, 'five')")
                .contains("everything before line 12 is imported and committed (6 statements, 4 rows)")
                .contains("tail -n +12");
        try (Connection c = connect("shop", "shop")) {
            assertThat(Sql.rows(c, "SELECT id, name FROM item ORDER BY id"))
                    .containsExactly("1|one; with a semicolon", "2|two", "3|three", "4|four");
        }

        Path syntax = dir.resolve("syntax.sql");
        Files.writeString(syntax, "USE shop;\nINSERT INTO item VALUES (7, 'seven');\nINSERT INTO item VALUES (8 'eight');\n");
        r = strata.run("import", "shop", syntax.toString(), "--password", PASSWORD);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("import stopped at line 3 of syntax.sql: ERROR 1064 (42000)");
        try (Connection c = connect("shop", "shop")) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM item")).isEqualTo(5);
        }

        r = strata.run("import", "shop", dir.resolve("nope.sql").toString(), "--password", PASSWORD);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("strata: no such file: " + dir.resolve("nope.sql"));
        r = strata.run("import", "shop", syntax.toString(), "--password", "wrong-password");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to cluster shop").contains("Access denied");
    }

    @Test
    void generateFillsASysbenchTableToTheSize() throws Exception {
        Cli.Result r = strata.run("generate", "gen", "--size", "4M", "--tables", "2", "--password", PASSWORD);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("generated 4.0 MiB of sysbench data in sbtest on gen:");
        try (Connection c = connect("gen", "sbtest")) {
            long rows = Sql.count(c, "SELECT COUNT(*) FROM sbtest1") + Sql.count(c, "SELECT COUNT(*) FROM sbtest2");
            long need = 4L * 1024 * 1024 / 188;
            assertThat(rows).isBetween(need, need + 2);
            assertThat(Sql.count(c, "SELECT COUNT(DISTINCT id) FROM sbtest1")).isEqualTo(Sql.count(c, "SELECT COUNT(*) FROM sbtest1"));
            assertThat(Sql.rows(c, "SELECT LENGTH(c), LENGTH(pad) FROM sbtest2 WHERE id = 1")).containsExactly("119|59");
        }
        assertThat(strata.run("generate", "gen", "--size", "lots", "--password", PASSWORD).err())
                .contains("cannot read the size 'lots'");
    }
}
