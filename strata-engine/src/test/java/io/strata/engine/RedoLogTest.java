package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits go to the volume as redo records, not H2 chunks ({@link RedoLog}), and every point opens with
 * every commit made before it: the records after H2's newest chunk are applied when a volume opens (here
 * always as a clone of a live database at its latest point, as a crash, a clone or a restore would).
 */
class RedoLogTest {

    @TempDir
    Path dir;
    PageStore store;
    Volume volume;
    int clones;

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
    void commitsAreRecordsNotChunksAndAPointOpensWithAllOfThem() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(40))");
            s.execute("CREATE INDEX t_k ON t (k)");
            long chunks = db.chunkWrites();
            long records = db.redoRecords();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (int id = 1; id <= 200; id++) {
                    insert.setInt(1, id);
                    insert.setInt(2, id % 10);
                    insert.setString(3, "row " + id);
                    insert.executeUpdate();
                }
            }
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE t SET c = 'changed' WHERE id <= 20");
            s.executeUpdate("DELETE FROM t WHERE id > 190");
            c.commit();
            c.setAutoCommit(true);
            assertThat(db.chunkWrites() - chunks).as("chunks stored for 201 commits").isLessThanOrEqualTo(1);
            assertThat(db.redoRecords() - records).as("redo records").isGreaterThanOrEqualTo(200);

            try (Database clone = cloneAtLatest()) {
                assertThat(clone.replayedCommits()).as("commits applied at open").isGreaterThanOrEqualTo(200);
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(*) FROM t")).isEqualTo(190);
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(*) FROM t WHERE c = 'changed'")).isEqualTo(20);
                // through the secondary index, whose entries were replayed too
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(*) FROM t WHERE k = 3")).isEqualTo(19);
                try (Connection cc = clone.open(); Statement cs = cc.createStatement()) {
                    cs.executeUpdate("INSERT INTO t VALUES (500, 3, 'after')");
                }
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(*) FROM t WHERE k = 3")).isEqualTo(20);
            }
        }
    }

    @Test
    void rowsOfTablesWithoutAnIntegerKeyAndAutoIncrementIdsGoOnAfterReplay() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE nokey (v VARCHAR(20))");
            s.execute("CREATE TABLE auto (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
            long chunks = db.chunkWrites();
            for (int i = 0; i < 100; i++) {
                s.executeUpdate("INSERT INTO nokey VALUES ('n" + i + "')");
                s.executeUpdate("INSERT INTO auto (v) VALUES ('a" + i + "')");
            }
            // H2 moves the AUTO_INCREMENT sequence every 32 values; those moves go to the records too
            assertThat(db.chunkWrites() - chunks).as("chunks stored for 200 commits").isLessThanOrEqualTo(1);
            try (Database clone = cloneAtLatest(); Connection cc = clone.open(); Statement cs = cc.createStatement()) {
                assertThat(clone.replayedCommits()).isPositive();
                for (int i = 0; i < 50; i++) {
                    cs.executeUpdate("INSERT INTO nokey VALUES ('m" + i + "')");
                    cs.executeUpdate("INSERT INTO auto (v) VALUES ('b" + i + "')");
                }
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(*) FROM nokey")).isEqualTo(150);
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(DISTINCT _ROWID_) FROM nokey")).isEqualTo(150);
                assertThat(DatabaseTest.count(clone, "SELECT COUNT(DISTINCT id) FROM auto")).isEqualTo(150);
                assertThat(DatabaseTest.count(clone, "SELECT MIN(id) FROM auto WHERE v LIKE 'b%'"))
                        .as("new ids come after the replayed ones").isGreaterThan(100);
            }
        }
    }

    @Test
    void everyPointOfAWorkloadWithDdlAndRollbacksOpensWithExactlyItsCommits() throws Exception {
        List<Lsn> points = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            long rows = 0;
            for (int i = 1; i <= 120; i++) {
                if (i % 40 == 0) {
                    s.execute("CREATE TABLE extra" + i + " (id INT)"); // DDL: a chunk, a new generation
                }
                if (i % 7 == 0) {
                    c.setAutoCommit(false);
                    s.executeUpdate("INSERT INTO t VALUES (" + (10_000 + i) + ", 0)");
                    c.rollback();
                    c.setAutoCommit(true);
                }
                s.executeUpdate("INSERT INTO t VALUES (" + i + ", " + i + ")");
                rows++;
                points.add(db.lastAckedPointOfThisThread().lsn());
                expected.add(rows);
            }
        }
        for (int i = 0; i < points.size(); i += 9) {
            Volume at = store.clone(volume, points.get(i), "at" + i);
            try (Database db = Database.open(at, EngineOptions.defaults())) {
                assertThat(DatabaseTest.count(db, "SELECT COUNT(*) FROM t")).as("rows at point %d", i).isEqualTo(expected.get(i));
                assertThat(DatabaseTest.count(db, "SELECT COUNT(*) FROM t WHERE id > 10000")).isZero();
            }
        }
    }

    @Test
    void aTransactionH2CommitsInsideAStatementIsAtThePointOfTheClientsCommit() throws Exception {
        try (Database db = Database.open(volume, EngineOptions.defaults());
             Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.executeUpdate("INSERT INTO t VALUES (1)"); // the log now has a record, and H2 no unsaved chunk
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t VALUES (2)");
            // H2 runs this SET outside transactions: it commits the insert itself, passing no capture
            s.execute("SET QUERY_STATISTICS FALSE");
            c.commit(); // nothing left to commit in H2: must still wait for a point holding row 2
            Lsn acked = db.lastAckedPointOfThisThread().lsn();
            try (Database at = Database.open(store.clone(volume, acked, "acked"), EngineOptions.defaults())) {
                assertThat(DatabaseTest.count(at, "SELECT COUNT(*) FROM t")).isEqualTo(2);
            }
        }
    }

    private Database cloneAtLatest() throws Exception {
        return Database.openAt(store, volume, volume.latestPoint().lsn(), "clone" + (++clones), EngineOptions.defaults());
    }
}
