package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through {@link MySqlSession} over H2: WITH ROLLUP's forms beyond the conformance suite (GROUPING() in HAVING
 * and ORDER BY, prepared statements, MySQL's errors for what is not emulated), SHOW CREATE VIEW's text and
 * errors, and the key flags result columns carry. The wire-level checks are the conformance suite's
 * ({@code rollup}), {@code ColumnFlagsTest} and {@code MariaDbDumpTest}.
 */
class RollupViewsAndFlagsTest {
    private MySqlSession session;

    @BeforeEach
    void open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:rvf-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        try (Statement st = c.createStatement()) {
            st.execute("SET COLLATION ENGLISH STRENGTH PRIMARY");
        }
        session = new MySqlSession(c, new SessionRegistry(), 1, "root", "localhost", () -> { });
        session.execute("CREATE DATABASE app");
        session.useDatabase("app");
        session.execute("CREATE TABLE s (id INT PRIMARY KEY, a VARCHAR(5), b INT, q INT, UNIQUE KEY ab (a, b))");
        session.execute("INSERT INTO s VALUES (1, 'x', 1, 10), (2, 'x', 2, 20), (3, 'y', 1, 5)");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> rows(String sql) throws SQLException {
        Result.Rows r = (Result.Rows) session.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] row : r.rows()) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) cells.add(String.valueOf(v));
            out.add(String.join(",", cells));
        }
        return out;
    }

    private int code(String sql) {
        try {
            session.execute(sql);
            return 0;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    @Test
    void rollupWithGroupingHavingOrderAndPreparedStatements() throws SQLException {
        assertThat(rows("SELECT a, b, SUM(q), GROUPING(a, b) g FROM s GROUP BY a, b WITH ROLLUP"))
                .containsExactly("x,1,10,0", "x,2,20,0", "x,null,30,1", "y,1,5,0", "y,null,5,1", "null,null,35,3");
        assertThat(rows("SELECT a, SUM(q) FROM s GROUP BY a WITH ROLLUP HAVING GROUPING(a) = 1")).containsExactly("null,35");
        assertThat(rows("SELECT a, SUM(q) t FROM s GROUP BY a WITH ROLLUP ORDER BY GROUPING(a) DESC, t"))
                .containsExactly("null,35", "y,5", "x,30");
        assertThat(rows("SELECT * FROM (SELECT a, COUNT(*) n FROM s GROUP BY a WITH ROLLUP) r WHERE n > 1"))
                .containsExactly("x,2", "null,3");
        assertThat(rows("SELECT s.a, MAX(s.q) FROM s AS s WHERE s.q > 5 GROUP BY s.a WITH ROLLUP"))
                .containsExactly("x,20", "null,20");
        Result.Rows labelled = (Result.Rows) session.execute("SELECT a, SUM(q) FROM s GROUP BY a WITH ROLLUP");
        assertThat(labelled.columns().get(1).name()).isEqualTo("SUM(q)");
        PreparedQuery ps = session.prepare("SELECT a, SUM(q) FROM s WHERE q > ? GROUP BY a WITH ROLLUP");
        Result.Rows p = (Result.Rows) ps.execute(new Object[] {6});
        assertThat(p.rows()).hasSize(2);
        ps.close();
    }

    @Test
    void rollupFormsNotEmulatedGiveMySqlErrors() {
        assertThat(code("SELECT * FROM s GROUP BY a WITH ROLLUP")).isEqualTo(1235);
        assertThat(code("SELECT DISTINCT a FROM s GROUP BY a WITH ROLLUP")).isEqualTo(1235);
        assertThat(code("SELECT a, SUM(q) FROM s GROUP BY a WITH ROLLUP ORDER BY LENGTH(a)")).isEqualTo(1235);
        assertThat(code("SELECT a, GROUPING(b) FROM s GROUP BY a WITH ROLLUP")).isEqualTo(3580);
        assertThat(code("SELECT a FROM s GROUP BY 3 WITH ROLLUP")).isEqualTo(1054);
        assertThat(code("SELECT a, COUNT(*) FROM s GROUP BY a WITH ROLLUP")).isZero(); // the session is still usable
    }

    @Test
    void showCreateViewGivesTheTextAsWritten() throws SQLException {
        session.execute("CREATE VIEW v AS SELECT a, q / 2 AS half FROM s WHERE b = 1");
        Result.Rows r = (Result.Rows) session.execute("SHOW CREATE VIEW v");
        assertThat(r.columns().get(0).name()).isEqualTo("View");
        assertThat(r.rows().get(0)[1]).isEqualTo("CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY DEFINER"
                + " VIEW `v` AS SELECT a, q / 2 AS half FROM s WHERE b = 1");
        assertThat(((Result.Rows) session.execute("SHOW CREATE TABLE v")).columns().get(0).name()).isEqualTo("View");
        assertThat(rows("SELECT VIEW_DEFINITION, DEFINER FROM information_schema.VIEWS WHERE TABLE_NAME = 'v'"))
                .containsExactly("SELECT a, q / 2 AS half FROM s WHERE b = 1,root@%");
        assertThat(rows("SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_NAME = 'v'")).containsExactly("VIEW");
        session.execute("CREATE OR REPLACE VIEW v AS SELECT id FROM s");
        assertThat(((Result.Rows) session.execute("SHOW CREATE VIEW v")).rows().get(0)[1].toString()).endsWith("AS SELECT id FROM s");
        assertThat(code("SHOW CREATE VIEW s")).isEqualTo(1347);
        assertThat(code("SHOW CREATE VIEW nope")).isEqualTo(1146);
    }

    @Test
    void resultColumnsCarryTheirTablesKeyFlags() throws SQLException {
        Result.Rows r = (Result.Rows) session.execute("SELECT id, a, b, q, id + 1 FROM s");
        assertThat(r.columns()).extracting(ColumnInfo::tableFlags).containsExactly(
                TableFlags.PRI_KEY | TableFlags.PART_KEY | TableFlags.NO_DEFAULT_VALUE,
                TableFlags.MULTIPLE_KEY | TableFlags.PART_KEY, TableFlags.PART_KEY, 0, 0);
        session.execute("CREATE INDEX iq ON s (q)"); // a DDL statement invalidates the cached flags
        r = (Result.Rows) session.execute("SELECT q FROM s");
        assertThat(r.columns().get(0).tableFlags()).isEqualTo(TableFlags.MULTIPLE_KEY | TableFlags.PART_KEY);
    }
}
