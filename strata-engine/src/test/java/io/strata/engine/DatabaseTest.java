package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;
    PageStore store;
    Volume volume;

    @BeforeEach
    void setUp() throws Exception {
        store = PageStore.open(dir);
        volume = store.createVolume("main", VolumeOptions.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void createsMySqlModeDatabaseAndKeepsItAcrossReopen() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE Users (Id INT PRIMARY KEY AUTO_INCREMENT, Name VARCHAR(20))");
            s.executeUpdate("INSERT INTO users (name) VALUES ('ann'), ('bob')");
        }
        try (Database db = Database.open(volume, EngineOptions.defaults())) {
            assertThat(count(db, "SELECT COUNT(*) FROM USERS")).isEqualTo(2);
        }
    }

    /**
     * Opening a session keeps H2's page cache and the database's settings: H2 runs every connection URL's
     * settings as SET commands, and SET CACHE_SIZE empties the cache, so each new client connection used to
     * make the next statements read their pages back from the volume.
     */
    @Test
    void openingASessionKeepsThePageCacheAndTheSettings() throws Exception {
        EngineOptions options = EngineOptions.defaults().withCacheSizeMb(128).withRetentionTime(Duration.ofSeconds(7));
        try (Database db = Database.open(volume, options); Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
            s.executeUpdate("INSERT INTO t SELECT X, REPEAT('v', 200) FROM SYSTEM_RANGE(1, 20000)");
            assertThat(count(db, "SELECT COUNT(*) FROM t WHERE v > ''")).isEqualTo(20000);
            long readsBefore = setting(s, "info.FILE_READ");
            assertThat(setting(s, "info.CACHE_SIZE")).isPositive();
            for (int i = 0; i < 3; i++) {
                try (Connection other = db.open(); Statement o = other.createStatement();
                     ResultSet rs = o.executeQuery("SELECT COUNT(*) FROM t WHERE v > ''")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(20000);
                }
            }
            assertThat(setting(s, "info.FILE_READ")).as("pages read from the volume after new sessions").isEqualTo(readsBefore);
            assertThat(setting(s, "info.CACHE_MAX_SIZE")).isEqualTo(128);
            assertThat(setting(s, "RETENTION_TIME")).isEqualTo(7000);
            assertThat(setting(s, "WRITE_DELAY")).isEqualTo(EngineOptions.H2_WRITE_DELAY_MS);
        }
    }

    private static long setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '"
                + name + "'")) {
            assertThat(rs.next()).as(name).isTrue();
            return Long.parseLong(rs.getString(1));
        }
    }

    @Test
    void everyAcknowledgedCommitIsInACloneOfTheLatestPoint() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
            for (int i = 1; i <= 20; i++) {
                if (i % 2 == 0) {
                    // autocommit statement: acked when it returns
                    insert.setInt(1, i);
                    insert.setInt(2, i);
                    insert.executeUpdate();
                } else {
                    // explicit transaction over JDBC
                    c.setAutoCommit(false);
                    insert.setInt(1, i);
                    insert.setInt(2, i);
                    insert.executeUpdate();
                    c.commit();
                    c.setAutoCommit(true);
                }
                assertThat(countAtLatestPoint("SELECT COUNT(*) FROM t")).as("after commit %d", i).isEqualTo(i);
            }
            // transaction control in SQL, as MySQL clients send it
            s.execute("SET autocommit = 0");
            s.executeUpdate("INSERT INTO t VALUES (100, 1)");
            assertThat(countAtLatestPoint("SELECT COUNT(*) FROM t")).isEqualTo(20);
            s.execute("COMMIT");
            assertThat(countAtLatestPoint("SELECT COUNT(*) FROM t")).isEqualTo(21);
            s.execute("SET autocommit = 1");
            s.execute("START TRANSACTION");
            s.executeUpdate("INSERT INTO t VALUES (101, 1)");
            assertThat(countAtLatestPoint("SELECT COUNT(*) FROM t")).isEqualTo(21);
            s.execute("ROLLBACK");
            s.execute("BEGIN");
            s.executeUpdate("INSERT INTO t VALUES (102, 1)");
            s.execute("COMMIT");
            assertThat(countAtLatestPoint("SELECT COUNT(*) FROM t")).isEqualTo(22);
            // DDL commits inside H2; it must still be durable when it returns
            s.execute("CREATE TABLE u (id INT)");
            assertThat(countAtLatestPoint("SELECT COUNT(*) FROM u")).isZero();
        }
    }

    @Test
    void failedAutocommitStatementLeavesNothing() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.executeUpdate("INSERT INTO t VALUES (1)");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (2), (1)")).isInstanceOf(SQLException.class);
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute("SHUTDOWN")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aLiveEngineOwnsItsVolume() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults())) {
            assertThatThrownBy(() -> Database.open(volume, EngineOptions.defaults()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already attached to a live engine");
            assertThatThrownBy(() -> Database.backtrack(volume, Instant.now()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("close the Database");
        }
        // closed: the volume is free again
        Database.open(volume, EngineOptions.defaults()).close();
    }

    @Test
    void backtrackWithTheEngineClosedThenReopenShowsTheOldState() throws Exception {
        Instant between;
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.executeUpdate("INSERT INTO t VALUES (1)");
            Thread.sleep(5);
            between = Instant.now();
            Thread.sleep(5);
            s.executeUpdate("INSERT INTO t VALUES (2)");
        }
        Database.backtrack(volume, between);
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            assertThat(count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1);
            s.executeUpdate("INSERT INTO t VALUES (3)");
        }
        try (Database db = Database.open(volume, EngineOptions.defaults())) {
            assertThat(count(db, "SELECT SUM(id) FROM t")).isEqualTo(4);
        }
    }

    @Test
    void pointsBeforeCreationAreNeverOpened() throws Exception {
        Point empty = volume.mark();
        try (Database db = Database.open(volume, EngineOptions.defaults())) {
            assertThat(db.firstValidPoint()).isGreaterThan(empty.lsn());
            assertThatThrownBy(() -> Database.openAt(store, volume, empty.lsn(), "early", EngineOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("precedes the creation");
            Lsn first = db.firstValidPoint();
            try (Database early = Database.openAt(store, volume, first, "first", EngineOptions.defaults())) {
                assertThat(count(early, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                        .isZero();
            }
        }
        try (Database db = Database.open(volume, EngineOptions.defaults())) {
            assertThat(db.firstValidPoint()).isGreaterThan(empty.lsn());
        }
    }

    @Test
    @Timeout(120) // a hang guard, not a speed bound: commit and lock waiter used to wait for each other
    void aStatementWaitingForARowLockHoldsUpNoCommitAndGoesOnWhenTheLockIsReleased() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults().withLockTimeout(Duration.ofMinutes(5)));
             Connection a = db.open(); Connection b = db.open(); Connection c = db.open()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                s.executeUpdate("INSERT INTO t VALUES (1, 0)");
            }
            a.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
            FutureTask<Integer> waiter = new FutureTask<>(() -> {
                try (Statement s = b.createStatement()) {
                    return s.executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1"); // waits for a's row lock
                }
            });
            new Thread(waiter, "waiter").start();
            awaitCondition(() -> db.lockWaits() > 0 || waiter.isDone());
            assertThat(waiter.isDone()).as("b must wait for a's row lock").isFalse();
            // Other transactions commit while b waits (this used to wait for b, then commit beside it).
            for (int i = 2; i <= 5; i++) {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (" + i + ", 0)");
            }
            assertThat(countAtLatestPoint("SELECT COUNT(*) FROM t")).isEqualTo(5);
            assertThat(waiter.isDone()).isFalse();
            // The lock holder itself commits; then b goes on and sees a's value.
            a.commit();
            assertThat(waiter.get()).isEqualTo(1);
            assertThat(count(db, "SELECT v FROM t WHERE id = 1")).isEqualTo(11);
            assertThat(countAtLatestPoint("SELECT v FROM t WHERE id = 1")).isEqualTo(11);
        }
    }

    @Test
    @Timeout(120)
    void aLockHolderWithAFailedStatementCanStillCommitWhileOthersWaitForIt() throws Exception {
        // H2 2.5.252 marks a transaction that rolled a statement back; a statement meeting its locks then
        // spins inside H2 instead of waiting, and would keep the holder's commit out (see H2Transactions).
        try (Database db = Database.open(volume, EngineOptions.defaults().withLockTimeout(Duration.ofMinutes(5)));
             Connection a = db.open(); Connection b = db.open()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                s.executeUpdate("INSERT INTO t VALUES (1, 0), (2, 0)");
            }
            a.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
            assertThatThrownBy(() -> a.createStatement().executeUpdate("INSERT INTO t VALUES (2, 0)"))
                    .isInstanceOf(SQLException.class);
            FutureTask<Integer> waiter = new FutureTask<>(() -> b.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1"));
            new Thread(waiter, "waiter").start();
            awaitCondition(() -> db.lockWaits() > 0 || waiter.isDone());
            a.commit();
            assertThat(waiter.get()).isEqualTo(1);
            assertThat(countAtLatestPoint("SELECT v FROM t WHERE id = 1")).isEqualTo(11);
        }
    }

    @Test
    @Timeout(120)
    void underRepeatableReadUpdatesActOnTheLatestCommittedRowAndPlainReadsKeepTheSnapshot() throws Exception {
        // MySQL's current read. H2's own REPEATABLE READ rolled a's whole transaction back as a deadlock at
        // both of a's updates below (see H2Transactions).
        try (Database db = Database.open(volume, EngineOptions.defaults().withLockTimeout(Duration.ofMinutes(5)));
             Connection a = db.open(); Connection b = db.open()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                s.executeUpdate("INSERT INTO t VALUES (1, 0), (2, 0)");
            }
            a.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // MySQL's default, as MySqlSession sets it
            b.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            a.setAutoCommit(false);
            assertThat(count(a, "SELECT SUM(v) FROM t")).isZero(); // a's snapshot
            b.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            b.createStatement().executeUpdate("INSERT INTO t VALUES (3, 0)");
            assertThat(a.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1")).isEqualTo(1);
            assertThat(count(a, "SELECT v FROM t WHERE id = 1")).isEqualTo(11); // b's 1 and a's 10
            assertThat(count(a, "SELECT COUNT(*) FROM t")).isEqualTo(2); // b's new row is not in a's snapshot
            // A row lock wait whose holder commits: the waiter goes on from the holder's value.
            b.setAutoCommit(false);
            b.createStatement().executeUpdate("UPDATE t SET v = v + 100 WHERE id = 2");
            FutureTask<Integer> aWaits = new FutureTask<>(() -> a.createStatement().executeUpdate("UPDATE t SET v = v + 1000 WHERE id = 2"));
            new Thread(aWaits, "a").start();
            awaitCondition(() -> db.lockWaits() > 0 || aWaits.isDone());
            b.commit();
            assertThat(aWaits.get()).isEqualTo(1);
            // A condition rechecked on the latest row: b's committed v = 100 no longer matches.
            assertThat(a.createStatement().executeUpdate("DELETE FROM t WHERE id = 2 AND v = 0")).isZero();
            a.commit();
            assertThat(db.deadlocks()).isZero();
            assertThat(countAtLatestPoint("SELECT v FROM t WHERE id = 2")).isEqualTo(1100);
            assertThat(countAtLatestPoint("SELECT SUM(v) FROM t")).isEqualTo(1111);
        }
    }

    @Test
    @Timeout(120)
    void aCycleOfLockWaitsRollsOneTransactionBackAsADeadlockAndTheOtherGoesOn() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults().withLockTimeout(Duration.ofMinutes(5)));
             Connection a = db.open(); Connection b = db.open()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                s.executeUpdate("INSERT INTO t VALUES (1, 0), (2, 0)");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE t SET v = 2 WHERE id = 2");
            FutureTask<Integer> aWaits = new FutureTask<>(() -> a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 2"));
            new Thread(aWaits, "a").start();
            awaitCondition(() -> db.lockWaits() > 0 || aWaits.isDone());
            assertThatThrownBy(() -> b.createStatement().executeUpdate("UPDATE t SET v = 2 WHERE id = 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(40001))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
            assertThat(aWaits.get()).isEqualTo(1); // b was rolled back, so a got the row
            a.commit();
            assertThat(db.deadlocks()).isEqualTo(1);
            assertThat(count(db, "SELECT SUM(v) FROM t")).isEqualTo(2); // a's two updates, none of b's
            b.createStatement().executeUpdate("UPDATE t SET v = 5 WHERE id = 2"); // b's connection goes on
            b.commit();
            assertThat(countAtLatestPoint("SELECT SUM(v) FROM t")).isEqualTo(6);
        }
    }

    /** Polls {@code done} until it holds; {@link Timeout} on the test bounds a hang. */
    static void awaitCondition(java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Thread.sleep(1);
        }
    }

    private long countAtLatestPoint(String sql) throws Exception {
        String name = "probe-" + System.nanoTime();
        try (Database probe = Database.openAt(store, volume, volume.latestPoint().lsn(), name, EngineOptions.defaults())) {
            return count(probe, sql);
        } finally {
            store.volume(name).ifPresent(store::delete);
        }
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.open()) {
            return count(c, sql);
        }
    }

    /** The first column of the first row of {@code sql}, on {@code c} (inside its transaction, if any). */
    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
