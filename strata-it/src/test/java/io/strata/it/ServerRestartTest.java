package io.strata.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `strata server` in a child JVM with a source cluster, a backtracked clone and an idle clone live: after a
 * polite restart and after kill -9 under write load, every cluster comes back on its port, through the SDK and
 * Connector/J, with every acknowledged write and backtrack, and nothing that was not committed.
 */
class ServerRestartTest {
    @TempDir
    Path dir;

    @Test
    void clustersAndClonesSurviveRestartAndKillNine() throws Exception {
        int port = StrataServerProcess.freePort();
        int apiPort = StrataServerProcess.freePort();
        int firstClusterPort = StrataServerProcess.freePort();
        Set<Integer> acked = new ConcurrentSkipListSet<>();
        List<DBCluster> before;
        try (StrataServerProcess s = StrataServerProcess.start(dir, port, apiPort, firstClusterPort);
             RdsClient rds = LiveServer.rds(s.apiUrl(), "test", "test")) {
            before = setUp(s, rds);
        }

        // A polite restart (SIGTERM).
        try (StrataServerProcess s = StrataServerProcess.start(dir, port, apiPort, firstClusterPort);
             RdsClient rds = LiveServer.rds(s.apiUrl(), "test", "test")) {
            check(rds, before, acked);

            // kill -9 with connections open: one writer acknowledging commits, one transaction left open.
            DBCluster prod = describe(rds, "prod");
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> write(prod, acked, stop));
            writer.start();
            try (Connection open = LiveServer.connect(prod, "app")) {
                open.setAutoCommit(false);
                Sql.exec(open, "INSERT INTO items VALUES (999999, 'open', 'never committed')");
                while (acked.size() < 50 && writer.isAlive()) {
                    Thread.sleep(10);
                }
                s.kill();
            } catch (SQLException e) {
                // closing the connection of a killed server
            }
            stop.set(true);
            writer.join();
        }
        assertThat(acked).as("commits acknowledged before the kill").hasSizeGreaterThanOrEqualTo(50);

        try (StrataServerProcess s = StrataServerProcess.start(dir, port, apiPort, firstClusterPort);
             RdsClient rds = LiveServer.rds(s.apiUrl(), "test", "test")) {
            check(rds, before, acked);
            // The idle clone still works once it gets an instance: it holds both batches, as cloned.
            rds.createDBInstance(b -> b.dbInstanceIdentifier("idle-1").dbClusterIdentifier("idle").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            try (Connection c = LiveServer.connect(describe(rds, "idle"), "app")) {
                assertThat(Sql.count(c, "SELECT COUNT(*) FROM items")).isEqualTo(150);
            }
            try (Connection c = s.connect("")) {
                assertThat(Sql.count(c, "SELECT COUNT(*) FROM marker.t")).as("the default cluster").isEqualTo(1);
            }
        }
    }

    /** The same data directory closed and opened again in one JVM, as a test suite restarting its server does. */
    @Test
    void inProcessRestartKeepsClustersClonesAndPorts(@TempDir Path inProcessDir) throws Exception {
        DBCluster prod;
        DBCluster dev;
        try (LiveServer s = LiveServer.start(inProcessDir); RdsClient rds = s.rds()) {
            prod = rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql")
                    .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD).backtrackWindow(600L)).dbCluster();
            rds.createDBInstance(b -> b.dbInstanceIdentifier("prod-1").dbClusterIdentifier("prod").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            try (Connection p = LiveServer.connect(prod, "")) {
                Sql.exec(p, "CREATE DATABASE app", Sql.ITEMS);
                Sql.insertBatch(p, 1, 20, "first");
            }
            dev = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev").sourceDBClusterIdentifier("prod")
                    .restoreType("copy-on-write").useLatestRestorableTime(true)).dbCluster();
            rds.createDBInstance(b -> b.dbInstanceIdentifier("dev-1").dbClusterIdentifier("dev").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            try (Connection d = LiveServer.connect(dev, "app")) {
                Sql.exec(d, "INSERT INTO items VALUES (21, 'dev', 'dev only')");
            }
        }
        assertThat(LiveServer.answers(prod.endpoint(), prod.port())).as("closed with the server").isFalse();
        try (LiveServer s = LiveServer.start(inProcessDir); RdsClient rds = s.rds()) {
            assertThat(describe(rds, "prod").port()).isEqualTo(prod.port());
            assertThat(describe(rds, "dev").port()).isEqualTo(dev.port());
            try (Connection p = LiveServer.connect(prod, "app"); Connection d = LiveServer.connect(dev, "app")) {
                assertThat(Sql.count(p, "SELECT COUNT(*) FROM items")).isEqualTo(20);
                assertThat(Sql.count(d, "SELECT COUNT(*) FROM items")).isEqualTo(21);
            }
        }
    }

    static DBCluster describe(RdsClient rds, String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
    }

    /** The default cluster (one row); prod (two batches), dev (a clone between them, written, then backtracked over its second write), idle. */
    private static List<DBCluster> setUp(StrataServerProcess s, RdsClient rds) throws Exception {
        try (Connection c = s.connect("")) {
            Sql.exec(c, "CREATE DATABASE marker", "CREATE TABLE marker.t (id INT PRIMARY KEY)", "INSERT INTO marker.t VALUES (1)");
        }
        DBCluster prod = rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql")
                .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD).backtrackWindow(3600L)).dbCluster();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("prod-1").dbClusterIdentifier("prod").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        Instant between;
        try (Connection p = LiveServer.connect(prod, "")) {
            Sql.exec(p, "CREATE DATABASE app", Sql.ITEMS);
            Sql.insertBatch(p, 1, 100, "first");
            between = LiveServer.between();
            Sql.insertBatch(p, 101, 150, "second");
        }
        DBCluster dev = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").restoreToTime(between)).dbCluster();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("dev-1").dbClusterIdentifier("dev").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        Instant mid;
        try (Connection d = LiveServer.connect(dev, "app")) {
            Sql.exec(d, "INSERT INTO items VALUES (1001, 'dev', 'kept')");
            mid = LiveServer.between();
            Sql.exec(d, "INSERT INTO items VALUES (1002, 'dev', 'backtracked over')");
        }
        rds.backtrackDBCluster(b -> b.dbClusterIdentifier("dev").backtrackTo(mid));
        rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("idle").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").useLatestRestorableTime(true));
        return rds.describeDBClusters().dbClusters();
    }

    private static void check(RdsClient rds, List<DBCluster> before, Set<Integer> acked) throws SQLException {
        List<DBCluster> now = rds.describeDBClusters().dbClusters();
        assertThat(now).extracting(DBCluster::dbClusterIdentifier)
                .containsExactlyInAnyOrderElementsOf(before.stream().map(DBCluster::dbClusterIdentifier).toList());
        for (DBCluster b : before) {
            DBCluster n = now.stream().filter(c -> c.dbClusterIdentifier().equals(b.dbClusterIdentifier())).findFirst().orElseThrow();
            assertThat(n.port()).as("%s keeps its port", b.dbClusterIdentifier()).isEqualTo(b.port());
            assertThat(n.status()).isEqualTo("available");
            assertThat(n.cloneGroupId()).isEqualTo(b.cloneGroupId());
        }
        DBCluster prod = describe(rds, "prod");
        try (Connection p = LiveServer.connect(prod, "app")) {
            assertThat(Sql.rows(p, "SELECT batch, COUNT(*) FROM items WHERE id <= 150 GROUP BY batch ORDER BY batch"))
                    .containsExactly("first|100", "second|50");
            List<Integer> written = Sql.rows(p, "SELECT id FROM items WHERE batch = 'load'").stream().map(Integer::valueOf).toList();
            assertThat(written).as("every acknowledged commit").containsAll(acked);
            assertThat(Sql.count(p, "SELECT COUNT(*) FROM items WHERE id = 999999")).as("the open transaction").isZero();
        }
        try (Connection d = LiveServer.connect(describe(rds, "dev"), "app")) {
            assertThat(Sql.rows(d, "SELECT batch, COUNT(*) FROM items GROUP BY batch ORDER BY batch"))
                    .containsExactly("dev|1", "first|100");
            assertThat(Sql.rows(d, "SELECT note FROM items WHERE id > 1000")).containsExactly("kept");
        }
        assertThat(rds.describeDBClusterBacktracks(b -> b.dbClusterIdentifier("dev")).dbClusterBacktracks())
                .singleElement().satisfies(bt -> assertThat(bt.status()).isEqualTo("completed"));
        DBCluster idle = describe(rds, "idle");
        assertThat(idle.dbClusterMembers()).isEmpty();
        assertThat(LiveServer.answers(idle.endpoint(), idle.port())).as("a cluster without instance stays down").isFalse();
    }

    /** Commits one row per transaction until stopped or the server dies; a row counts once commit() returned. */
    private static void write(DBCluster prod, Set<Integer> acked, AtomicBoolean stop) {
        try (Connection c = LiveServer.connect(prod, "app");
             PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, 'load', 'under kill')")) {
            for (int id = 10_000; !stop.get(); id++) {
                ps.setInt(1, id);
                ps.executeUpdate();
                acked.add(id);
            }
        } catch (SQLException e) {
            // killed under us
        }
    }
}
