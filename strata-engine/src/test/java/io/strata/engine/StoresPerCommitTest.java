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
    void randomSingleRowUpdatesStoreNoChunkOfH2sOwnWhenTheCacheIsLarge() throws Exception {
        EngineOptions large = EngineOptions.defaults().withCacheSizeMb(1024);
        try (Database db = Database.open(volume, large); Connection c = db.open(); Statement s = c.createStatement()) {
            assertThat(db.h2Store().getAutoCommitMemory()).as("H2's unsaved-memory limit").isEqualTo(256 << 20);
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, k INT, c CHAR(120))");
            s.execute("INSERT INTO t SELECT X, X, REPEAT('c', 120) FROM SYSTEM_RANGE(1, 50000)");
            s.execute("CREATE INDEX t_k ON t (k)");
            long chunks = db.chunkWrites();
            java.util.Random random = new java.util.Random(7);
            try (java.sql.PreparedStatement update = c.prepareStatement("UPDATE t SET k = k + 1, c = ? WHERE id = ?")) {
                for (int i = 0; i < 1500; i++) {
                    update.setString(1, "u" + i);
                    update.setInt(2, 1 + random.nextInt(50000));
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
            // With H2's own limit (19 MiB) these commits stored chunks of H2's own along the way (2 here):
            // each rewrote pages a later chunk rewrites again. Now the redo log alone decides (every 2,000).
            assertThat(db.chunkWrites() - chunks).as("chunks stored by 1,500 single-row commits").isZero();
            assertThat(db.h2Store().getUnsavedMemory()).as("unsaved memory").isGreaterThan(19 << 20);
        }
        try (Database db = Database.open(volume, large)) {
            assertThat(DatabaseTest.count(db, "SELECT COUNT(*) FROM t WHERE c LIKE 'u%'")).isBetween(1400L, 1500L);
        }
        try (Database db = Database.open(volume, EngineOptions.defaults().withCacheSizeMb(8))) {
            assertThat(db.h2Store().getAutoCommitMemory()).as("a small cache keeps H2's limit, not a quarter of it")
                    .isGreaterThan((8 << 20) / 4);
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
