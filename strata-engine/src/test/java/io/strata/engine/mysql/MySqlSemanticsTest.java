package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MySQL's expression semantics, collation and triggers through {@link MySqlSession} over H2 with the collation
 * new databases get ({@code io.strata.engine.Database}); the wire-level checks are the conformance suite's.
 */
class MySqlSemanticsTest {
    private MySqlSession session;

    @BeforeEach
    void open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:sem-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        try (Statement st = c.createStatement()) {
            st.execute("SET COLLATION ENGLISH STRENGTH PRIMARY");
        }
        session = new MySqlSession(c, new SessionRegistry(), 1, "root", "localhost", () -> { });
        session.execute("CREATE DATABASE app");
        session.useDatabase("app");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> row(String sql) throws SQLException {
        Result.Rows r = (Result.Rows) session.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object v : r.rows().get(0)) out.add(v == null ? null : v instanceof Boolean b ? (b ? "1" : "0") : v.toString());
        return out;
    }

    private Result.Rows rows(String sql) throws SQLException {
        return (Result.Rows) session.execute(sql);
    }

    @Test
    void divisionIsDecimalAndZeroDivisorsGiveNull() throws SQLException {
        assertThat(row("SELECT 7/2, 1/3, 10/0, 7 DIV 2, -7 DIV 2, 7 DIV 0, 10 % 3, 10 % 0, MOD(10, 0)"))
                .containsExactly("3.5000", "0.3333", null, "3", "-3", null, "1", null, null);
        Result.Rows r = rows("SELECT 7/2, 7 DIV 2");
        assertThat(r.columns().get(0).jdbcType()).isEqualTo(Types.NUMERIC);
        assertThat(r.columns().get(1).jdbcType()).isEqualTo(Types.BIGINT);
        assertThat(r.columns().get(0).name()).isEqualTo("7/2"); // labelled as written
    }

    @Test
    void integerArithmeticIs64BitAndStringsCoerce() throws SQLException {
        assertThat(row("SELECT 2147483647 + 1, 100000 * 100000")).containsExactly("2147483648", "10000000000");
        assertThat(row("SELECT '12abc' + 3, 'abc' + 0")).containsExactly("15.0", "0.0");
        assertThat(row("SELECT CONCAT('a', NULL), LENGTH('é'), TRUE + TRUE, 1 <=> NULL"))
                .containsExactly(null, "2", "2", "0");
    }

    @Test
    void aggregatesAreDecimal() throws SQLException {
        session.execute("CREATE TABLE n (id INT PRIMARY KEY, i INT, d DECIMAL(10,2))");
        session.execute("INSERT INTO n VALUES (1, 1, 1.50), (2, 2, 2.25), (3, 4, 3.00)");
        assertThat(row("SELECT AVG(i), SUM(i), AVG(d), SUM(d), AVG(DISTINCT i) FROM n"))
                .containsExactly("2.3333", "7", "2.250000", "6.75", "2.3333");
        assertThat(rows("SELECT SUM(i) FROM n").columns().get(0).name()).isEqualTo("SUM(i)");
        assertThat(row("SELECT SUM(i) OVER (ORDER BY id) FROM n ORDER BY id")).containsExactly("1");
    }

    @Test
    void collationIgnoresCase() throws SQLException {
        session.execute("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(40), UNIQUE KEY uk (email))");
        session.execute("INSERT INTO u VALUES (1, 'alice@x'), (2, 'Bob@x')");
        assertThatThrownBy(() -> session.execute("INSERT INTO u VALUES (3, 'ALICE@x')"))
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1062));
        assertThat(row("SELECT 'a' = 'A', 'abc' LIKE 'ABC', BINARY 'a' = 'A'")).containsExactly("1", "1", "0");
        assertThat(row("SELECT id FROM u WHERE email = 'BOB@X'")).containsExactly("2");
    }

    @Test
    void functionsH2Lacks() throws SQLException {
        assertThat(row("SELECT DATE_FORMAT('2024-03-05 14:07:09', '%W %D %M %Y %H:%i'), FIND_IN_SET('b', 'a,b'),"
                + " FIELD('b', 'a', 'b'), INET_ATON('10.0.0.1'), DATE_ADD('2024-01-31', INTERVAL 1 MONTH),"
                + " DATEDIFF('2024-03-05', '2024-01-01')"))
                .containsExactly("Tuesday 5th March 2024 14:07", "2", "2", "167772161", "2024-02-29", "64");
        assertThat(row("SELECT JSON_OBJECT('a', 1, 'b', JSON_ARRAY(1, 'x')), JSON_EXTRACT('{\"a\": {\"b\": 5}}', '$.a.b'),"
                + " JSON_UNQUOTE(JSON_EXTRACT('{\"a\": \"x\"}', '$.a'))"))
                .containsExactly("{\"a\": 1, \"b\": [1, \"x\"]}", "5", "x");
    }

    @Test
    void dmlVariants() throws SQLException {
        session.execute("CREATE TABLE kv (k INT PRIMARY KEY, n INT DEFAULT 0)");
        session.execute("INSERT INTO kv (k) VALUES (1), (2), (3)");
        session.execute("UPDATE kv SET n = 1 ORDER BY k DESC LIMIT 2");
        List<Object[]> updated = rows("SELECT k FROM kv WHERE n = 1 ORDER BY k").rows();
        assertThat(updated).hasSize(2);
        assertThat(updated.get(0)[0]).isEqualTo(2L);
        session.execute("SELECT k INTO @top FROM kv ORDER BY k DESC LIMIT 1");
        assertThat(row("SELECT @top")).containsExactly("3");
    }

    @Test
    void triggersRunMySqlBodies() throws SQLException {
        session.execute("CREATE TABLE film (film_id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(50), d DATETIME NOT NULL)");
        session.execute("CREATE TABLE film_text (film_id INT PRIMARY KEY, title VARCHAR(50))");
        session.execute("CREATE TRIGGER stamp BEFORE INSERT ON film FOR EACH ROW SET NEW.d = NOW()");
        session.execute("CREATE TRIGGER ins AFTER INSERT ON film FOR EACH ROW BEGIN INSERT INTO film_text VALUES"
                + " (NEW.film_id, NEW.title); END");
        session.execute("CREATE TRIGGER upd AFTER UPDATE ON film FOR EACH ROW BEGIN IF OLD.title != NEW.title THEN"
                + " UPDATE film_text SET title = NEW.title WHERE film_id = OLD.film_id; END IF; END");
        session.execute("INSERT INTO film (title) VALUES ('a')");
        session.execute("UPDATE film SET title = 'b'");
        assertThat(row("SELECT title FROM film_text")).containsExactly("b");
        assertThat(row("SELECT d IS NOT NULL FROM film")).containsExactly("1");
        assertThatThrownBy(() -> session.execute("UPDATE film SET d = NULL"))
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1048));
        assertThat(rows("SHOW TRIGGERS").rows()).hasSize(3);
        assertThat(row("SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_NAME = 'film' AND COLUMN_NAME = 'd'"))
                .containsExactly("NO");
        session.execute("DROP TRIGGER upd");
        assertThat(rows("SHOW TRIGGERS").rows()).hasSize(2);
        assertThatThrownBy(() -> session.execute("CREATE TRIGGER bad BEFORE INSERT ON film FOR EACH ROW BEGIN DECLARE x INT; END"))
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1235));
    }

    /** H2 rebuilds a table for ALTER TABLE and re-creates its triggers under temporary names (MySqlTrigger#load). */
    @Test
    void triggersSurviveAlterTable() throws SQLException {
        session.execute("CREATE TABLE film (film_id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(50), d DATETIME NOT NULL)");
        session.execute("CREATE TABLE film_text (film_id INT PRIMARY KEY, title VARCHAR(50))");
        session.execute("CREATE TRIGGER stamp BEFORE INSERT ON film FOR EACH ROW SET NEW.d = NOW()");
        session.execute("CREATE TRIGGER ins AFTER INSERT ON film FOR EACH ROW INSERT INTO film_text VALUES (NEW.film_id, NEW.title)");
        session.execute("CREATE TRIGGER upd AFTER UPDATE ON film FOR EACH ROW UPDATE film_text SET title = NEW.title"
                + " WHERE film_id = OLD.film_id");
        session.execute("INSERT INTO film (title) VALUES ('a')");
        session.execute("ALTER TABLE film ADD COLUMN price DECIMAL(4,2) NULL AFTER film_id");
        session.execute("UPDATE film SET title = 'b', price = 1.50");
        session.execute("INSERT INTO film (title, price) VALUES ('c', 2.00)");
        session.execute("ALTER TABLE film DROP COLUMN price");
        session.execute("UPDATE film SET title = 'e' WHERE title = 'c'");
        assertThat(rows("SELECT title FROM film_text ORDER BY film_id").rows())
                .extracting(r -> r[0]).containsExactly("b", "e");
        assertThat(row("SELECT COUNT(*) FROM film WHERE d IS NOT NULL")).containsExactly("2");
        assertThat(rows("SHOW TRIGGERS").rows()).extracting(r -> r[0]).containsExactlyInAnyOrder("stamp", "ins", "upd");
    }
}
