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
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    void aStatementWaitingForARowLockDelaysOtherCommitsOnlyBriefly() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection a = db.open(); Connection b = db.open(); Connection c = db.open()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                s.executeUpdate("INSERT INTO t VALUES (1, 0)");
            }
            a.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
            Thread waiter = new Thread(() -> {
                try (Statement s = b.createStatement()) {
                    s.executeUpdate("UPDATE t SET v = 2 WHERE id = 1"); // waits for a's row lock
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.start();
            Thread.sleep(200);
            long start = System.nanoTime();
            c.createStatement().executeUpdate("INSERT INTO t VALUES (2, 0)");
            long commitMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(commitMs).isLessThan(1_000);
            assertThat(db.commitsWithoutExclusion()).isPositive();
            a.commit();
            waiter.join(5_000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(count(db, "SELECT v FROM t WHERE id = 1")).isEqualTo(2);
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
        try (Connection c = db.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
