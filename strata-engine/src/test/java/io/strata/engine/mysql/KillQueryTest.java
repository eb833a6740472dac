package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.strata.engine.EngineOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * KILL QUERY ({@link MySqlSession#cancel}) on sessions of a database on a volume: it ends the statement it
 * finds in the process list wherever that statement is (being parsed and rewritten, starting in H2, running
 * in H2, waiting for a row lock), and a kill that comes too late to stop a statement does not stop the next
 * one. Kills land at random moments, many rounds each, since the windows are microseconds wide.
 */
class KillQueryTest {
    /** Runs for many seconds unless cancelled. */
    private static final String LONG = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 50000000)"
            + " SELECT COUNT(*) FROM r";

    @TempDir
    Path dir;
    private VolumeDatabase v;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() throws Exception {
        v = VolumeDatabase.open(dir, EngineOptions.defaults().withLockTimeout(Duration.ofMinutes(5)));
    }

    @AfterEach
    void close() throws Exception {
        runner.shutdownNow();
        v.close();
    }

    private MySqlSession session(long id) throws SQLException {
        return v.session(id);
    }

    /** Runs {@code sql} on the runner thread: its outcome, an error code or "done". */
    private CompletableFuture<Object> start(MySqlSession s, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.execute(sql);
                return "done";
            } catch (SQLException e) {
                return e.getErrorCode();
            }
        }, runner);
    }

    /**
     * Waits until the process list shows session {@code id} running a statement, as KILL QUERY finds it, or
     * until the statement has ended.
     */
    private void awaitQuery(long id, CompletableFuture<Object> outcome) {
        while (!outcome.isDone() && v.registry.entries().stream().noneMatch(e -> e.id() == id && "Query".equals(e.command))) {
            Thread.onSpinWait();
        }
    }

    private static void spinMicros(long micros) {
        long end = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    @Timeout(300) // a hang guard: a lost kill lets the statement run for many seconds, each round
    void aKillAtAnyMomentAfterTheStatementShowsEndsItWith1317() throws Exception {
        Random random = new Random(7);
        try (MySqlSession s = session(1)) {
            for (int round = 0; round < 200; round++) {
                CompletableFuture<Object> outcome = start(s, LONG);
                awaitQuery(1, outcome);
                spinMicros(random.nextInt(400)); // from "still being parsed" to "well inside H2"
                s.cancel();
                Object result = outcome.get(4, TimeUnit.MINUTES);
                assertThat(result).as("round %d", round).isEqualTo(MySqlErrors.ER_QUERY_INTERRUPTED);
                // the session goes on, and the kill does not reach its next statement
                assertThat(((Result.Rows) s.execute("SELECT 6")).rows().get(0)[0]).isEqualTo(6L);
            }
        }
    }

    @Test
    @Timeout(300)
    void aKillThatComesTooLateDoesNotStopTheNextStatement() throws Exception {
        Random random = new Random(11);
        try (MySqlSession s = session(2)) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            int killed = 0;
            for (int round = 0; round < 500; round++) {
                CompletableFuture<Object> outcome = start(s, "INSERT INTO t VALUES (" + round + ", 1)");
                awaitQuery(2, outcome);
                spinMicros(random.nextInt(300));
                s.cancel();
                Object result = outcome.get(1, TimeUnit.MINUTES);
                if (!"done".equals(result)) {
                    assertThat(result).as("round %d", round).isEqualTo(MySqlErrors.ER_QUERY_INTERRUPTED);
                    killed++;
                }
                CompletableFuture<Object> next = start(s, "SELECT COUNT(*) FROM t");
                assertThat(next.get(1, TimeUnit.MINUTES)).as("round %d: the statement after a kill", round).isEqualTo("done");
            }
            long rows = ((Number) ((Result.Rows) s.execute("SELECT COUNT(*) FROM t")).rows().get(0)[0]).longValue();
            assertThat(rows).as("an insert either ran or was killed").isEqualTo(500 - killed);
        }
    }

    @Test
    @Timeout(120)
    void aKillEndsAWaitForARowLock() throws Exception {
        try (MySqlSession holder = session(3); MySqlSession waiter = session(4)) {
            holder.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            holder.execute("INSERT INTO t VALUES (1, 0)");
            holder.execute("BEGIN");
            holder.execute("UPDATE t SET v = 1 WHERE id = 1");
            CompletableFuture<Object> outcome = start(waiter, "UPDATE t SET v = 2 WHERE id = 1");
            while (v.db.lockWaits() == 0 && !outcome.isDone()) {
                Thread.sleep(1);
            }
            if (outcome.isDone()) fail("the update did not wait for the row lock: " + outcome.get());
            waiter.cancel();
            assertThat(outcome.get(1, TimeUnit.MINUTES)).isEqualTo(MySqlErrors.ER_QUERY_INTERRUPTED);
            holder.execute("COMMIT");
            assertThat(start(waiter, "UPDATE t SET v = 3 WHERE id = 1").get(1, TimeUnit.MINUTES)).isEqualTo("done");
            assertThat(((Result.Rows) holder.execute("SELECT v FROM t")).rows().get(0)[0]).isEqualTo(3L);
        }
    }
}
