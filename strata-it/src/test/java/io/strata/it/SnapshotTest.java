package io.strata.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshots through the AWS SDK against `strata server` (child JVM, real engine): create, describe, delete,
 * restore; a snapshot that outlives its cluster; a snapshot taken just before kill -9 is back after a restart.
 * One server for the class; the last test kills it and starts it again on the same data directory and ports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotTest {
    @TempDir
    static Path dir;
    static int port;
    static int apiPort;
    static StrataServerProcess server;
    static RdsClient rds;

    @BeforeAll
    static void start() throws Exception {
        port = StrataServerProcess.freePort();
        apiPort = StrataServerProcess.freePort();
        server = StrataServerProcess.start(dir, port, apiPort, List.of("--port-range", "0"), Map.of());
        rds = LiveServer.rds(server.apiUrl(), "test", "test");
    }

    @AfterAll
    static void stop() throws Exception {
        rds.close();
        server.close();
    }

    static DBCluster cluster(String id, int rows) throws Exception {
        DBCluster c = rds.createDBCluster(b -> b.dbClusterIdentifier(id).engine("aurora-mysql")
                .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD)).dbCluster();
        instance(id);
        try (Connection x = LiveServer.connect(c, "")) {
            Sql.exec(x, "CREATE DATABASE app", Sql.ITEMS);
            Sql.insertBatch(x, 1, rows, "snap");
        }
        return c;
    }

    static void instance(String clusterId) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(clusterId + "-1").dbClusterIdentifier(clusterId)
                .engine("aurora-mysql").dbInstanceClass("db.t3.medium"));
    }

    static long rows(String clusterId) throws Exception {
        DBCluster c = rds.describeDBClusters(b -> b.dbClusterIdentifier(clusterId)).dbClusters().get(0);
        try (Connection x = LiveServer.connect(c, "app")) {
            return Sql.count(x, "SELECT COUNT(*) FROM items");
        }
    }

    static void deleteCluster(String id) {
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier(id + "-1"));
        rds.deleteDBCluster(b -> b.dbClusterIdentifier(id).skipFinalSnapshot(true));
    }

    @Test
    @Order(1)
    void createDescribeRestoreAndDelete() throws Exception {
        DBCluster src = cluster("shop", 30);
        DBClusterSnapshot s = rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier("shop")
                .dbClusterSnapshotIdentifier("shop-snap")).dbClusterSnapshot();
        assertThat(s.status()).isEqualTo("available");
        assertThat(s.dbClusterIdentifier()).isEqualTo("shop");
        assertThatThrownBy(() -> rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier("shop")
                .dbClusterSnapshotIdentifier("shop-snap"))).isInstanceOf(DbClusterSnapshotAlreadyExistsException.class);
        try (Connection x = LiveServer.connect(src, "app")) {
            Sql.exec(x, "DELETE FROM items WHERE id > 10");
        }
        assertThat(rds.describeDBClusterSnapshots(b -> b.dbClusterIdentifier("shop")).dbClusterSnapshots())
                .extracting(DBClusterSnapshot::dbClusterSnapshotIdentifier).containsExactly("shop-snap");

        DBCluster restored = rds.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("shop-back")
                .snapshotIdentifier("shop-snap").engine("aurora-mysql")).dbCluster();
        assertThat(restored.status()).isEqualTo("available");
        assertThat(restored.port()).isNotEqualTo(src.port());
        instance("shop-back");
        assertThat(rows("shop-back")).as("the snapshot's state").isEqualTo(30);
        assertThat(rows("shop")).as("the source's own state").isEqualTo(10);

        rds.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("shop-snap"));
        assertThatThrownBy(() -> rds.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier("shop-snap")))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
        assertThat(rows("shop-back")).as("a restored cluster does not need its snapshot").isEqualTo(30);
        deleteCluster("shop-back");
        deleteCluster("shop");
    }

    @Test
    @Order(2)
    void aSnapshotOutlivesItsCluster() throws Exception {
        cluster("gone", 12);
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("gone-1"));
        rds.deleteDBCluster(b -> b.dbClusterIdentifier("gone").finalDBSnapshotIdentifier("gone-final"));
        assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier).doesNotContain("gone");
        assertThat(rds.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier("gone-final")).dbClusterSnapshots())
                .singleElement().satisfies(s -> assertThat(s.dbClusterIdentifier()).isEqualTo("gone"));
        rds.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("revived").snapshotIdentifier("gone-final")
                .engine("aurora-mysql"));
        instance("revived");
        assertThat(rows("revived")).isEqualTo(12);
        deleteCluster("revived");
        rds.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("gone-final"));
    }

    @Test
    @Order(3)
    void aSnapshotTakenBeforeKillNineIsBackAfterARestart() throws Exception {
        DBCluster c = cluster("durable", 25);
        rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier("durable").dbClusterSnapshotIdentifier("durable-snap"));
        try (Connection x = LiveServer.connect(c, "app")) {
            Sql.exec(x, "DELETE FROM items");
        }
        server.kill();
        server = StrataServerProcess.start(dir, port, apiPort, List.of("--port-range", "0"), Map.of());
        assertThat(rds.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier("durable-snap")).dbClusterSnapshots())
                .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("available"));
        assertThat(rows("durable")).as("the delete was acknowledged before the kill").isZero();
        rds.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("durable-back").snapshotIdentifier("durable-snap")
                .engine("aurora-mysql"));
        instance("durable-back");
        assertThat(rows("durable-back")).isEqualTo(25);
    }
}
