package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.PageStore;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 stores once per commit at most, through the commit gate, and on the committing thread: a statement that
 * makes H2 commit its system session many times (explicit ids into an AUTO_INCREMENT key move the identity
 * sequence row by row) still costs one redo record (no chunk: the sequence's moves go into the record, see
 * RedoLog) and one point, and what it committed is at that point.
 */
class StoresPerCommitTest {

    @TempDir
    Path dir;
    PageStore store;
    Volume volume;

    @BeforeEach
    void setUp() {
        store = PageStore.open(dir);
        volume = store.createVolume("main", VolumeOptions.defaults());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aThousandRowInsertWithExplicitIdsIntoAnAutoIncrementKeyIsOneRecordAndOnePoint() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, k INT, c VARCHAR(40))");
            long chunks = db.chunkWrites();
            int points = volume.points().size();
            StringBuilder sql = new StringBuilder("INSERT INTO t (id, k, c) VALUES ");
            for (int id = 1; id <= 1000; id++) {
                sql.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id % 7).append(",'r").append(id).append("')");
            }
            assertThat(s.executeUpdate(sql.toString())).isEqualTo(1000);
            // With WRITE_DELAY=0 this statement stored 1,001 chunks (one per sequence move, bench/README.md).
            // Now none: its rows and the sequence's last move are one redo record (RedoLog).
            assertThat(db.chunkWrites() - chunks).as("chunks stored by the statement").isZero();
            assertThat(db.redoRecords()).as("redo records").isPositive();
            assertThat(volume.points().size() - points).as("points appended").isEqualTo(1);
            assertThat(db.storesAsynchronously()).isFalse();
        }
        // The latest point holds the rows and the sequence moved past them.
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            assertThat(DatabaseTest.count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1000);
            s.executeUpdate("INSERT INTO t (k, c) VALUES (1, 'next')");
            try (ResultSet r = s.executeQuery("SELECT MAX(id) FROM t")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1001);
            }
        }
    }

    @Test
    void aWriteDelaySetBySqlDoesNotMakeStoresAsynchronous() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            assertThat(db.storesAsynchronously()).as("after open").isFalse();
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("SET WRITE_DELAY 500"); // a client may send it; it runs inside the gate
            db.h2Store().setAutoCommitDelay(250); // as H2 does for it: the store executors start again
            assertThat(db.storesAsynchronously()).as("after the write delay changed").isTrue();
            for (int i = 1; i <= 20; i++) {
                s.executeUpdate("INSERT INTO t VALUES (" + i + ")");
                assertThat(db.storesAsynchronously()).as("after commit %d", i).isFalse();
                String name = "probe-" + i;
                try (Database probe = Database.openAt(store, volume, db.lastAckedPointOfThisThread().lsn(), name,
                        EngineOptions.defaults())) {
                    assertThat(DatabaseTest.count(probe, "SELECT COUNT(*) FROM t")).as("at the point of commit %d", i)
                            .isEqualTo(i);
                } finally {
                    store.volume(name).ifPresent(store::delete);
                }
            }
        }
    }
}
