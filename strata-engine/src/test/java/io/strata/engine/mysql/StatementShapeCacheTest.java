package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session's memory of statement shapes that pass through unchanged ({@link StatementShapes}): statements of a
 * remembered shape give the results the full path gives, with any literals, and the memory is forgotten when
 * the session runs anything that might change what a rewrite does.
 */
class StatementShapeCacheTest {
    private MySqlSession session;
    private String url;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:h2:mem:shape-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        session = new MySqlSession(DriverManager.getConnection(url), new SessionRegistry(), 9, "root", "localhost", () -> { });
        session.execute("CREATE DATABASE app");
        session.useDatabase("app");
        session.execute("CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(20))");
        session.execute("INSERT INTO t VALUES (1, 10, 'one'), (2, 20, 'two'), (3, 30, 'three')");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private Object one(String sql) throws SQLException {
        Result.Rows r = (Result.Rows) session.execute(sql);
        return r.rows().isEmpty() ? null : r.rows().get(0)[0];
    }

    @Test
    void aRememberedShapeRunsWithEachStatementsOwnLiterals() throws SQLException {
        int before = session.shapes().size();
        assertThat(one("SELECT c FROM t WHERE id=1")).isEqualTo("one");
        assertThat(session.shapes().size()).isEqualTo(before + 1);
        assertThat(one("SELECT c FROM t WHERE id=2")).isEqualTo("two");
        assertThat(one("SELECT c FROM t WHERE id=4")).isNull();
        assertThat(session.shapes().size()).isEqualTo(before + 1);
        assertThat(((Result.Update) session.execute("UPDATE t SET c='uno' WHERE id=1")).affectedRows()).isEqualTo(1);
        assertThat(((Result.Update) session.execute("UPDATE t SET c='dos' WHERE id=2")).affectedRows()).isEqualTo(1);
        assertThat(((Result.Update) session.execute("UPDATE t SET c='none' WHERE id=9")).affectedRows()).isZero();
        assertThat(one("SELECT c FROM t WHERE id=2")).isEqualTo("dos");
        assertThat(((Result.Rows) session.execute("SELECT c FROM t WHERE id BETWEEN 1 AND 2")).rows()).hasSize(2);
        assertThat(((Result.Rows) session.execute("SELECT c FROM t WHERE id BETWEEN 2 AND 3")).rows())
                .extracting(r -> r[0]).containsExactly("dos", "three");
        // errors of a remembered shape are the full path's errors
        session.execute("INSERT INTO t VALUES (4, 40, 'four')");
        assertThatThrownBy(() -> session.execute("INSERT INTO t VALUES (4, 41, 'again')"))
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1062));
        assertThat(((Result.Update) session.execute("INSERT INTO t VALUES (5, 50, 'five')")).affectedRows()).isEqualTo(1);
    }

    @Test
    void preparableShapesRunAsOneH2PreparedStatementWithEachStatementsValues() throws SQLException {
        session.execute("CREATE TABLE p (id INT AUTO_INCREMENT PRIMARY KEY, k INT, c CHAR(10), d DATE)");
        for (int i = 1; i <= 5; i++) {
            Result.Update u = (Result.Update) session.execute("INSERT INTO p (k, c, d) VALUES (" + i * 10 + ", 'c''" + i
                    + "', '2024-01-0" + i + "')");
            assertThat(u.lastInsertId()).isEqualTo(i);
            assertThat(session.lastInsertId()).isEqualTo(i);
        }
        assertThat(session.shapes().preparedCount()).isEqualTo(1); // the INSERT, prepared on its second run
        for (int i = 1; i <= 5; i++) {
            assertThat(one("SELECT c FROM p WHERE id=" + i)).isEqualTo("c'" + i);
            assertThat(one("SELECT d FROM p WHERE id=" + i)).hasToString("2024-01-0" + i);
        }
        assertThat(((Result.Rows) session.execute("SELECT k FROM p WHERE id BETWEEN 2 AND 4")).rows())
                .extracting(r -> r[0]).containsExactly(20L, 30L, 40L);
        assertThat(((Result.Rows) session.execute("SELECT k FROM p WHERE id BETWEEN 4 AND 9")).rows())
                .extracting(r -> r[0]).containsExactly(40L, 50L);
        assertThat(((Result.Update) session.execute("UPDATE p SET c='new', k=k+1 WHERE id=2")).affectedRows()).isEqualTo(1);
        assertThat(((Result.Update) session.execute("UPDATE p SET c='newer', k=k+1 WHERE id=3")).affectedRows()).isEqualTo(1);
        assertThat(((Result.Update) session.execute("UPDATE p SET c='none', k=k+1 WHERE id=42")).affectedRows()).isZero();
        assertThat(((Result.Rows) session.execute("SELECT c, k FROM p WHERE id BETWEEN 2 AND 3")).rows())
                .extracting(r -> r[0] + "/" + r[1]).containsExactly("new/21", "newer/31");
        assertThat(((Result.Update) session.execute("DELETE FROM p WHERE id=1")).affectedRows()).isEqualTo(1);
        assertThat(((Result.Update) session.execute("DELETE FROM p WHERE id=1")).affectedRows()).isZero();
        // a value H2 cannot convert fails as it does as a literal, and the session goes on
        assertThatThrownBy(() -> session.execute("INSERT INTO p (k, c, d) VALUES (1, 'x', 'no date')"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> session.execute("INSERT INTO p (k, c, d) VALUES (1, 'x', 'still no date')"))
                .isInstanceOf(SQLException.class);
        assertThat(((Result.Update) session.execute("INSERT INTO p (k, c, d) VALUES (60, 'c6', '2024-01-06')"))
                .lastInsertId()).isGreaterThan(5);
        // the column's type decides, as for a literal: CHAR pads and compares as MySQL's PAD SPACE does
        assertThat(one("SELECT COUNT(*) FROM p WHERE c = 'c6'")).isEqualTo(1L);
        assertThat(session.shapes().preparedCount()).isGreaterThanOrEqualTo(4);
        session.execute("ALTER TABLE p ADD COLUMN e INT DEFAULT 5");
        assertThat(session.shapes().preparedCount()).isZero(); // DDL closes them with the shapes
        assertThat(one("SELECT e FROM p WHERE id=2")).isEqualTo(5L);
        assertThat(one("SELECT e FROM p WHERE id=3")).isEqualTo(5L);
    }

    @Test
    void aKeptStatementFollowsSchemaChangesOfOtherSessions() throws SQLException {
        assertThat(one("SELECT c FROM t WHERE id=1")).isEqualTo("one");
        assertThat(one("SELECT c FROM t WHERE id=2")).isEqualTo("two");
        assertThat(session.shapes().preparedCount()).isEqualTo(1);
        try (Connection other = DriverManager.getConnection(url); Statement st = other.createStatement()) {
            st.execute("SET SCHEMA app");
            st.execute("ALTER TABLE t ADD COLUMN z INT DEFAULT 1 BEFORE c");
            st.execute("UPDATE t SET c = 'drei' WHERE id = 3");
            assertThat(one("SELECT c FROM t WHERE id=3")).isEqualTo("drei");
            st.execute("DROP TABLE t");
            assertThatThrownBy(() -> session.execute("SELECT c FROM t WHERE id=1")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1146));
            st.execute("CREATE TABLE t (c VARCHAR(9), id INT PRIMARY KEY)");
            st.execute("INSERT INTO t VALUES ('eins', 1)");
            assertThat(one("SELECT c FROM t WHERE id=1")).isEqualTo("eins");
        }
    }

    @Test
    void statementsTheLayerRewritesAreNeverRemembered() throws SQLException {
        session.execute("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        session.execute("INSERT INTO a (v) VALUES (1)");
        assertThat(one("SELECT LAST_INSERT_ID() FROM t WHERE id=1")).isEqualTo(1L);
        session.execute("INSERT INTO a (v) VALUES (2)");
        assertThat(one("SELECT LAST_INSERT_ID() FROM t WHERE id=2")).isEqualTo(2L); // not a stale literal
        // integer literal widening (a rewrite) depends on the literal's length, which the shape keeps
        assertThat(one("SELECT k FROM t WHERE id=1 AND k + 1 > 0")).isEqualTo(10L);
        assertThat(one("SELECT 2147483647 + 1 FROM t WHERE id=1")).isEqualTo(2147483648L);
        assertThat(session.shapes().passesThrough(StatementShapes.key("SELECT LAST_INSERT_ID() FROM t WHERE id=1"))).isFalse();
        assertThat(session.shapes().passesThrough(StatementShapes.key("SELECT 2147483647 + 1 FROM t WHERE id=1"))).isFalse();
        assertThat(session.shapes().passesThrough(StatementShapes.key("INSERT INTO a (v) VALUES (3)"))).isTrue();
    }

    @Test
    void ddlSetAndUseForgetTheShapes() throws SQLException {
        assertThat(one("SELECT c FROM t WHERE id=1")).isEqualTo("one");
        assertThat(session.shapes().size()).isEqualTo(2); // and the INSERT of the set-up
        session.execute("ALTER TABLE t ADD COLUMN d INT DEFAULT 7");
        assertThat(session.shapes().size()).isZero();
        assertThat(one("SELECT d FROM t WHERE id=1")).isEqualTo(7L);
        assertThat(session.shapes().size()).isEqualTo(1);
        session.execute("SET sql_mode = 'ANSI_QUOTES'");
        assertThat(session.shapes().size()).isZero();
        assertThat(one("SELECT d FROM t WHERE id=2")).isEqualTo(7L);
        session.execute("COMMIT"); // transaction control keeps them
        assertThat(session.shapes().size()).isEqualTo(1);
        session.execute("CREATE DATABASE other");
        session.useDatabase("other");
        assertThat(session.shapes().size()).isZero();
        session.execute("CREATE TABLE t (id INT PRIMARY KEY, c VARCHAR(20))");
        session.execute("INSERT INTO t VALUES (1, 'other')");
        assertThat(one("SELECT c FROM t WHERE id=1")).isEqualTo("other");
        session.execute("DROP TABLE t");
        assertThatThrownBy(() -> session.execute("SELECT c FROM t WHERE id=1")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1146));
    }
}
