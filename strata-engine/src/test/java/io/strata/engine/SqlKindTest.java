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
    }

    @Test
    void treatsDdlAndMultiStatementTextAsCommittingInsideH2() {
        assertThat(SqlKind.of("CREATE TABLE t (id INT)")).isEqualTo(SqlKind.IMPLICIT_COMMIT);
        assertThat(SqlKind.of("-- note\ndrop table t")).isEqualTo(SqlKind.IMPLICIT_COMMIT);
        assertThat(SqlKind.of("INSERT INTO t VALUES (1); COMMIT")).isEqualTo(SqlKind.IMPLICIT_COMMIT);
        assertThat(SqlKind.of("SHUTDOWN")).isEqualTo(SqlKind.REFUSED);
        assertThat(SqlKind.of("INSERT INTO t VALUES (1)")).isEqualTo(SqlKind.PLAIN);
        assertThat(SqlKind.of("select 1")).isEqualTo(SqlKind.PLAIN);
    }
}
