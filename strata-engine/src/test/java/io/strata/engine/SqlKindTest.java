package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlKindTest {

    @Test
    void recognisesTransactionControlAsMySqlClientsSendIt() {
        assertThat(SqlKind.of("commit")).isEqualTo(SqlKind.COMMIT);
        assertThat(SqlKind.of("  COMMIT WORK ;")).isEqualTo(SqlKind.COMMIT);
        assertThat(SqlKind.of("/* mysql-connector-j */ commit")).isEqualTo(SqlKind.COMMIT);
        assertThat(SqlKind.of("rollback")).isEqualTo(SqlKind.ROLLBACK);
        assertThat(SqlKind.of("ROLLBACK TO SAVEPOINT s1")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("BEGIN")).isEqualTo(SqlKind.BEGIN);
        assertThat(SqlKind.of("start transaction read only")).isEqualTo(SqlKind.BEGIN);
        assertThat(SqlKind.of("SET autocommit=0")).isEqualTo(SqlKind.AUTOCOMMIT_OFF);
        assertThat(SqlKind.of("set @@session.autocommit = ON")).isEqualTo(SqlKind.AUTOCOMMIT_ON);
        assertThat(SqlKind.of("SET AUTOCOMMIT TRUE")).isEqualTo(SqlKind.AUTOCOMMIT_ON);
        assertThat(SqlKind.of("SET NAMES utf8mb4")).isEqualTo(SqlKind.PLAIN);
        // any whitespace between and after the words
        assertThat(SqlKind.of("commit\n\twork")).isEqualTo(SqlKind.COMMIT);
        assertThat(SqlKind.of("begin\nwork")).isEqualTo(SqlKind.BEGIN);
        assertThat(SqlKind.of("START\tTRANSACTION")).isEqualTo(SqlKind.BEGIN);
        assertThat(SqlKind.of("SET\nautocommit\n=\n0")).isEqualTo(SqlKind.AUTOCOMMIT_OFF);
        assertThat(SqlKind.of("ROLLBACK\r\nWORK")).isEqualTo(SqlKind.ROLLBACK);
        assertThat(SqlKind.of("SELECT\nc\nFROM t")).isEqualTo(SqlKind.READ);
        assertThat(SqlKind.of("DROP\ttable t")).isEqualTo(SqlKind.IMPLICIT_COMMIT);
    }

    @Test
    void treatsDdlAndMultiStatementTextAsCommittingInsideH2() {
        assertThat(SqlKind.of("CREATE TABLE t (id INT)")).isEqualTo(SqlKind.IMPLICIT_COMMIT);
        assertThat(SqlKind.of("-- note\ndrop table t")).isEqualTo(SqlKind.IMPLICIT_COMMIT);
        assertThat(SqlKind.of("INSERT INTO t VALUES (1); COMMIT")).isEqualTo(SqlKind.MULTIPLE);
        assertThat(SqlKind.of("SHUTDOWN")).isEqualTo(SqlKind.REFUSED);
        assertThat(SqlKind.of("INSERT INTO t VALUES (1)")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("UPDATE t SET v = 1")).isEqualTo(SqlKind.PLAIN);
    }

    @Test
    void onlyQueriesThatCannotWriteAreRead() {
        assertThat(SqlKind.of("select 1")).isEqualTo(SqlKind.READ);
        assertThat(SqlKind.of("SELECT c FROM t WHERE id = ?")).isEqualTo(SqlKind.READ);
        assertThat(SqlKind.of("/* ping */ SHOW TABLES")).isEqualTo(SqlKind.READ);
        assertThat(SqlKind.of("select * from t for update")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("SELECT * FROM t FOR SHARE")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("SELECT * FROM t LOCK IN SHARE MODE")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("SELECT NEXT VALUE FOR s")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("select nextval('s')")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("SELECT * FROM FINAL TABLE (INSERT INTO t VALUES (1))")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("SELECT a INTO @x FROM t")).isEqualTo(SqlKind.PLAIN);
        // conservative: a column name containing a writing word makes it PLAIN (it only costs a share)
        assertThat(SqlKind.of("SELECT last_update FROM film")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r"))
                .isEqualTo(SqlKind.READ);
        assertThat(SqlKind.of("WITH x AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM x)")).isEqualTo(SqlKind.PLAIN);
    }
}
