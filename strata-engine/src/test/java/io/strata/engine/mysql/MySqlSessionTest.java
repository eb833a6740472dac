package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MySQL layer directly over an H2 (MODE=MySQL) connection, without the wire protocol. */
class MySqlSessionTest {
    private MySqlSession session;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:h2:mem:s-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        session = new MySqlSession(DriverManager.getConnection(url), new SessionRegistry(), 7, "root", "localhost", () -> { });
        session.execute("CREATE DATABASE app");
        session.useDatabase("app");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private Result.Rows query(String sql) throws SQLException {
        return (Result.Rows) session.execute(sql);
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
    void mapsH2ErrorsToMySqlCodes() throws SQLException {
        session.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL)");
        session.execute("INSERT INTO t VALUES (1, 'a')");
        assertThat(code("INSERT INTO t VALUES (1, 'b')")).isEqualTo(1062);
        assertThat(code("SELECT * FROM nope")).isEqualTo(1146);
        assertThat(code("SELEC 1")).isEqualTo(1064);
        assertThat(code("SELECT zz FROM t")).isEqualTo(1054);
        assertThat(code("INSERT INTO t VALUES (2, NULL)")).isEqualTo(1048);
        assertThat(code("CREATE TABLE t (x INT)")).isEqualTo(1050);
        assertThat(code("USE nowhere")).isEqualTo(1049);
        assertThat(code("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t")).isEqualTo(1235);
        assertThatThrownBy(() -> session.execute("INSERT INTO t VALUES (1, 'b')"))
                .hasMessage("Duplicate entry '1' for key 't.PRIMARY'")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23000"));
        session.execute("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(20), UNIQUE KEY u_email (email))");
        session.execute("INSERT INTO u VALUES (1, 'o''x')");
        assertThatThrownBy(() -> session.execute("INSERT INTO u VALUES (2, 'o''x')"))
                .hasMessage("Duplicate entry 'o'x' for key 'u.u_email'");
    }

    @Test
    void indexNamesArePerTableAsInMySql() throws SQLException {
        for (String t : List.of("a", "b")) {
            session.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, user_id INT, email VARCHAR(20),"
                    + " KEY `user_id` (`user_id`), UNIQUE KEY uk_email (email), CONSTRAINT pk_unused UNIQUE (id, user_id))");
            session.execute("CREATE INDEX idx_both ON " + t + " (user_id, email)");
            session.execute("ALTER TABLE " + t + " ADD INDEX idx_email (email), ADD UNIQUE KEY uk_pair (user_id, email),"
                    + " ADD COLUMN note VARCHAR(10)");
        }
        assertThat(query("SHOW INDEX FROM b").rows()).extracting(r -> (String) r[2]).containsOnly("PRIMARY", "user_id",
                "uk_email", "pk_unused", "idx_both", "idx_email", "uk_pair");
        assertThat(query("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_NAME = 'a'"
                + " ORDER BY INDEX_NAME").rows()).extracting(r -> (String) r[0])
                .containsExactly("idx_both", "idx_email", "pk_unused", "PRIMARY", "uk_email", "uk_pair", "user_id"); // _ci collation
        session.execute("INSERT INTO a (id, user_id, email) VALUES (1, 1, 'x')");
        assertThatThrownBy(() -> session.execute("INSERT INTO a (id, user_id, email) VALUES (2, 2, 'x')"))
                .hasMessage("Duplicate entry 'x' for key 'a.uk_email'");
        session.execute("DROP INDEX idx_both ON a");
        session.execute("DROP INDEX uk_email ON a");
        session.execute("ALTER TABLE b DROP INDEX user_id, DROP KEY uk_pair");
        assertThat(query("SHOW INDEX FROM a").rows()).extracting(r -> (String) r[2]).doesNotContain("idx_both", "uk_email");
        assertThat(query("SHOW INDEX FROM b").rows()).extracting(r -> (String) r[2]).doesNotContain("user_id", "uk_pair")
                .contains("idx_both");
        assertThat((String) query("SHOW CREATE TABLE b").rows().get(0)[1]).contains("UNIQUE KEY `uk_email` (`email`)");
    }

    @Test
    void foreignKeyChecksOffDefersForeignKeysLikeADumpNeeds() throws SQLException {
        session.execute("SET FOREIGN_KEY_CHECKS = 0");
        session.execute("CREATE TABLE child (id INT PRIMARY KEY, pid INT, KEY fk_parent (pid),"
                + " CONSTRAINT fk_parent FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE)");
        session.execute("INSERT INTO child VALUES (1, 10)");
        session.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
        session.execute("INSERT INTO parent VALUES (10)");
        session.execute("SET FOREIGN_KEY_CHECKS = 1");
        assertThat(code("INSERT INTO child VALUES (2, 99)")).isEqualTo(1452);
        assertThat(code("DELETE FROM parent")).isZero();
        assertThat(query("SELECT COUNT(*) FROM child").rows().get(0)[0]).isEqualTo(0L);
        assertThat(query("SELECT CONSTRAINT_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_NAME = 'child' AND REFERENCED_TABLE_NAME IS NOT NULL").rows())
                .extracting(r -> r[0] + "->" + r[1]).containsExactly("fk_parent->parent");
        session.execute("INSERT INTO parent VALUES (11)");
        session.execute("INSERT INTO child VALUES (3, 11)");
        assertThat(code("TRUNCATE TABLE parent")).isNotZero(); // referenced
        session.execute("SET FOREIGN_KEY_CHECKS = 0"); // the usual fixture-cleanup idiom
        session.execute("TRUNCATE TABLE parent");
        session.execute("INSERT INTO child VALUES (4, 12345)");
        session.execute("TRUNCATE TABLE child");
        session.execute("DROP TABLE IF EXISTS parent");
        session.execute("SET FOREIGN_KEY_CHECKS = 1");
    }

    @Test
    void namedLocksAsFlywayUsesThem() throws SQLException {
        SessionRegistry registry = session.registry();
        String url = "jdbc:h2:mem:l-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        try (MySqlSession other = new MySqlSession(DriverManager.getConnection(url), registry, 8, "root", "h", () -> { })) {
            assertThat(query("SELECT GET_LOCK('flyway-1', 10)").rows().get(0)[0]).isEqualTo(1L);
            assertThat(query("SELECT GET_LOCK('flyway-1', 10)").columns().get(0).name()).isEqualTo("GET_LOCK('flyway-1', 10)");
            assertThat(((Result.Rows) other.execute("SELECT GET_LOCK('flyway-1', 0)")).rows().get(0)[0]).isEqualTo(0L);
            assertThat(((Result.Rows) other.execute("SELECT IS_USED_LOCK('flyway-1')")).rows().get(0)[0]).isEqualTo(7L);
            assertThat(((Result.Rows) other.execute("SELECT RELEASE_LOCK('flyway-1')")).rows().get(0)[0]).isEqualTo(0L);
            assertThat(query("SELECT RELEASE_LOCK('flyway-1'), RELEASE_LOCK('flyway-1'), RELEASE_LOCK('flyway-1')")
                    .rows().get(0)).containsExactly(1L, 1L, null);
            assertThat(((Result.Rows) other.execute("SELECT GET_LOCK('flyway-1', 0)")).rows().get(0)[0]).isEqualTo(1L);
        }
        assertThat(query("SELECT IS_FREE_LOCK('flyway-1')").rows().get(0)[0]).isEqualTo(1L); // released on close
    }

    @Test
    void commonMySqlDdlAndDmlDialect() throws SQLException {
        session.execute("CREATE TABLE d (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, name VARCHAR(20) CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT '', amount DOUBLE(10,2), z INT(11) UNSIGNED ZEROFILL,"
                + " created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, PRIMARY KEY (id))"
                + " ENGINE=InnoDB AUTO_INCREMENT=10 DEFAULT CHARSET=utf8mb4 COMMENT='hello'");
        session.execute("CREATE TABLE no_ai (id INT) ENGINE=InnoDB AUTO_INCREMENT=10 DEFAULT CHARSET=utf8mb4");
        assertThat(((Result.Update) session.execute("INSERT INTO d (name) VALUES ('x')")).lastInsertId()).isEqualTo(10);
        session.execute("ALTER TABLE d AUTO_INCREMENT = 100");
        session.execute("RENAME TABLE d TO d2, no_ai TO no_ai2");
        assertThat(query("SELECT SQL_NO_CACHE SQL_CALC_FOUND_ROWS name FROM d2 WHERE name = 'x' COLLATE utf8mb4_bin"
                + " LOCK IN SHARE MODE").rows()).hasSize(1);
        assertThat(query("SELECT FOUND_ROWS(), CAST('7' AS UNSIGNED), b'101', UTC_DATE() IS NOT NULL").rows().get(0))
                .containsExactly(1L, 7L, 5L, true);
        assertThat(query("OPTIMIZE TABLE d2").rows().get(0)).containsExactly("app.d2", "optimize", "status", "OK");
        assertThat(query("SHOW TABLE STATUS LIKE 'd2'").rows().get(0)[4]).isEqualTo(1L);
        assertThat(query("SELECT DATE_FORMAT(TIMESTAMP '2024-03-05 07:08:09', '%Y-%m-%d %H:%i:%s (%b)'),"
                + " STR_TO_DATE('05/03/2024', '%d/%m/%Y'), STR_TO_DATE('2024-03-05 10:11', '%Y-%m-%d %H:%i')").rows().get(0))
                .containsExactly("2024-03-05 07:08:09 (Mar)", java.time.LocalDate.of(2024, 3, 5),
                        java.time.LocalDateTime.of(2024, 3, 5, 10, 11));
        session.execute("CREATE TEMPORARY TABLE tmp (x INT)");
        session.execute("DROP TEMPORARY TABLE tmp");
    }

    @Test
    void lockWaitTimeoutIs1205() throws SQLException {
        session.execute("CREATE TABLE lk (id INT PRIMARY KEY, v INT)");
        session.execute("INSERT INTO lk VALUES (1, 0)");
        String sameDatabase = session.connection().getMetaData().getURL();
        try (MySqlSession other = new MySqlSession(DriverManager.getConnection(sameDatabase), session.registry(), 9, "root",
                "h", () -> { })) {
            other.useDatabase("app");
            other.execute("SET SESSION innodb_lock_wait_timeout = 1");
            session.execute("BEGIN");
            session.execute("UPDATE lk SET v = 1 WHERE id = 1");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> other.execute("UPDATE lk SET v = 2 WHERE id = 1"))
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1205))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HY000"));
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
            session.execute("ROLLBACK");
        }
    }

    @Test
    void lastInsertIdIsTheFirstIdOfAMultiRowInsert() throws SQLException {
        session.execute("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        Result.Update u = (Result.Update) session.execute("INSERT INTO a (v) VALUES (1), (2), (3)");
        assertThat(u.affectedRows()).isEqualTo(3);
        assertThat(u.lastInsertId()).isEqualTo(1);
        assertThat(query("SELECT LAST_INSERT_ID()").rows().get(0)[0]).isEqualTo(1L);
        assertThat(query("SELECT LAST_INSERT_ID()").columns().get(0).name()).isEqualTo("LAST_INSERT_ID()");
    }

    @Test
    void variablesAndTransactions() throws SQLException {
        assertThat(query("SELECT @@autocommit, @@session.tx_isolation").rows().get(0))
                .containsExactly(1L, "REPEATABLE-READ");
        session.execute("SET autocommit = 0");
        assertThat(session.autocommit()).isFalse();
        session.execute("CREATE TABLE tx (id INT)");
        session.execute("INSERT INTO tx VALUES (1)");
        assertThat(session.inTransaction()).isTrue();
        session.execute("ROLLBACK");
        assertThat(query("SELECT COUNT(*) FROM tx").rows().get(0)[0]).isEqualTo(0L);
        session.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        assertThat(query("SELECT @@transaction_isolation").rows().get(0)[0]).isEqualTo("READ-COMMITTED");
    }

    @Test
    void showAndHavingOnAliases() throws SQLException {
        session.execute("CREATE TABLE s (id INT PRIMARY KEY, name VARCHAR(10))");
        assertThat(query("SHOW TABLES").rows()).extracting(r -> r[0]).containsExactly("s");
        assertThat(query("SHOW TABLES").columns().get(0).name()).isEqualTo("Tables_in_app");
        assertThat(query("SELECT id AS k FROM s HAVING k > 0").rows()).isEmpty();
        assertThat(query("SELECT TABLE_NAME, ENGINE FROM information_schema.tables WHERE table_schema = 'app'")
                .rows()).extracting(r -> r[0] + "/" + r[1]).containsExactly("s/InnoDB");
        assertThat(query("SELECT IF(1 > 0, 'y', 'n')").rows().get(0)[0]).isEqualTo("y");
        List<Object[]> vars = query("SHOW VARIABLES LIKE 'version%'").rows();
        assertThat(vars).extracting(r -> r[0]).contains("version", "version_comment");
    }

    /** SUBSTRING_INDEX is not in H2; Flyway reads its installed_by user with SUBSTRING_INDEX(USER(),'@',1). */
    @Test
    void substringIndex() throws SQLException {
        Result.Rows user = query("SELECT SUBSTRING_INDEX(USER(),'@',1)");
        assertThat(user.rows().get(0)[0]).isEqualTo("root");
        assertThat(user.columns().get(0).name()).isEqualTo("SUBSTRING_INDEX(USER(),'@',1)");
        assertThat(query("SELECT SUBSTRING_INDEX('www.mysql.com', '.', 2), SUBSTRING_INDEX('www.mysql.com', '.', -2),"
                + " SUBSTRING_INDEX('www.mysql.com', '.', 9), SUBSTRING_INDEX('www.mysql.com', '.', -9),"
                + " SUBSTRING_INDEX('www.mysql.com', '.', 0), SUBSTRING_INDEX('a||b||c', '||', -1),"
                + " SUBSTRING_INDEX('a.b', 'X', 1), SUBSTRING_INDEX(NULL, '.', 1), SUBSTRING_INDEX('.a', '.', 1),"
                + " SUBSTRING_INDEX('a*b', '*', 1)").rows().get(0))
                .containsExactly("www.mysql", "mysql.com", "www.mysql.com", "www.mysql.com", "", "c", "a.b", null, "", "a");
        session.execute("CREATE TABLE hosts (h VARCHAR(40))");
        session.execute("INSERT INTO hosts VALUES ('db1.example.com'), ('web.test')");
        assertThat(query("SELECT SUBSTRING_INDEX(h, '.', 1) AS host FROM hosts WHERE SUBSTRING_INDEX(h, '.', -1) = 'com'")
                .rows()).extracting(r -> r[0]).containsExactly("db1");
        assertThat(code("SELECT SUBSTRING_INDEX('a', 'b')")).isNotZero();
        try (PreparedQuery ps = session.prepare("SELECT SUBSTRING_INDEX(?, '.', ?)")) { // each ? counted once
            assertThat(ps.parameterCount()).isEqualTo(2);
            assertThat(((Result.Rows) ps.execute(new Object[] {"a.b.c", -2L})).rows().get(0)[0]).isEqualTo("b.c");
        }
    }
}
