package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.engine.EngineOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SET [SESSION] TRANSACTION ISOLATION LEVEL inside a transaction, on a database on a volume. MySQL applies it
 * from the next transaction on; H2 changes a session's level by committing its open transaction, which made
 * the client's uncommitted work committed (visible to others, beyond its ROLLBACK) without a COMMIT.
 */
class IsolationChangeTest {
    @TempDir
    Path dir;
    private VolumeDatabase v;
    private MySqlSession a;
    private MySqlSession b;

    @BeforeEach
    void open() throws Exception {
        v = VolumeDatabase.open(dir, EngineOptions.defaults());
        a = v.session(1);
        b = v.session(2);
        a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        v.close();
    }

    private static long count(MySqlSession s) throws SQLException {
        return ((Number) ((Result.Rows) s.execute("SELECT COUNT(*) FROM t")).rows().get(0)[0]).longValue();
    }

    @Test
    void aLevelSetInsideATransactionNeitherCommitsItNorAppliesBeforeItEnds() throws Exception {
        a.execute("BEGIN");
        a.execute("INSERT INTO t VALUES (1)");
        a.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        assertThat(count(b)).as("a's insert is not committed by the SET").isZero();
        assertThat(count(a)).isEqualTo(1);
        a.execute("ROLLBACK");
        assertThat(count(a)).isZero();
        assertThat(count(b)).isZero();

        // the next transaction runs at READ COMMITTED: it sees what b commits meanwhile
        a.execute("BEGIN");
        assertThat(count(a)).isZero();
        b.execute("INSERT INTO t VALUES (2)");
        assertThat(count(a)).as("READ COMMITTED sees b's commit").isEqualTo(1);
        a.execute("COMMIT");
        assertThat(((Result.Rows) a.execute("SELECT @@transaction_isolation")).rows().get(0)[0]).isEqualTo("READ-COMMITTED");
    }

    @Test
    void withAutocommitOffTheLevelWaitsForTheCommit() throws Exception {
        a.execute("SET autocommit = 0");
        a.execute("INSERT INTO t VALUES (1)");
        a.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        assertThat(count(b)).isZero();
        a.execute("COMMIT");
        assertThat(count(b)).isEqualTo(1);
        // REPEATABLE READ again, set between transactions: applies at once
        a.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        assertThat(count(a)).isEqualTo(1);
        b.execute("INSERT INTO t VALUES (2)");
        assertThat(count(a)).as("REPEATABLE READ keeps a's snapshot").isEqualTo(1);
        a.execute("ROLLBACK");
        assertThat(count(a)).isEqualTo(2);
    }
}
