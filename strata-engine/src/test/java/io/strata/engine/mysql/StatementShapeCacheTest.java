package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
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

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:h2:mem:shape-" + UUID.randomUUID()
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
