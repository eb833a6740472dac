package io.strata.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.BacktrackDbClusterResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's whole flow through the AWS SDK for Java v2 against `strata server` with the real engine: a source
 * cluster written with Connector/J, a copy-on-write clone restored between two batches of writes, writes on
 * both sides, backtrack back and forward, a schema change on the clone, and deleting everything.
 */
class CloneFlowTest {
    @TempDir
    Path dir;
    LiveServer server;
    RdsClient rds;

    @BeforeEach
    void start() throws Exception {
        server = LiveServer.start(dir);
        rds = server.rds();
    }

    @AfterEach
    void stop() {
        rds.close();
        server.close();
    }

    DBCluster describe(String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
    }

    void createInstance(String instanceId, String clusterId) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(instanceId).dbClusterIdentifier(clusterId)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        rds.waiter().waitUntilDBInstanceAvailable(b -> b.dbInstanceIdentifier(instanceId));
    }

    @Test
    void cloneBetweenTwoBatchesBacktrackSchemaChangeAndDelete() throws Exception {
        // A source cluster and its instance.
        DBCluster prod = rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql")
                .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD).backtrackWindow(3600L)).dbCluster();
        rds.waiter().waitUntilDBClusterAvailable(b -> b.dbClusterIdentifier("prod"));
        assertThat(LiveServer.answers(prod.endpoint(), prod.port())).as("no instance, no endpoint").isFalse();
        createInstance("prod-1", "prod");
        DBInstance prodInstance = rds.describeDBInstances(b -> b.dbInstanceIdentifier("prod-1")).dbInstances().get(0);
        assertThat(prodInstance.endpoint().address()).isEqualTo(prod.endpoint());
        assertThat(prodInstance.endpoint().port()).isEqualTo(prod.port());

        // Two batches of writes with Connector/J, and a time between them.
        Instant between;
        try (Connection p = LiveServer.connect(prod, "")) {
            Sql.exec(p, "CREATE DATABASE app", Sql.ITEMS);
            Sql.insertBatch(p, 1, 100, "first");
            between = LiveServer.between();
            Sql.insertBatch(p, 101, 150, "second");
            assertThat(Sql.count(p, "SELECT COUNT(*) FROM app.items")).isEqualTo(150);
        }

        // The copy-on-write clone at that time, and its instance.
        long t0 = System.nanoTime();
        DBCluster dev = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").restoreToTime(between)).dbCluster();
        assertThat(dev.status()).isEqualTo("available");
        assertThat(dev.cloneGroupId()).isEqualTo(prod.cloneGroupId());
        assertThat(dev.backtrackWindow()).isEqualTo(3600L);
        assertThat(dev.port()).as("its own endpoint").isNotEqualTo(prod.port());
        assertThat(LiveServer.answers(dev.endpoint(), dev.port())).as("a restored cluster has no instance yet").isFalse();
        createInstance("dev-1", "dev");
        long cloneMillis = (System.nanoTime() - t0) / 1_000_000;

        // The clone holds exactly the first batch.
        try (Connection d = LiveServer.connect(dev, "app")) {
            assertThat(Sql.rows(d, "SELECT batch, COUNT(*), MIN(id), MAX(id) FROM items GROUP BY batch"))
                    .containsExactly("first|100|1|100");
        }

        // Writes on either side stay on that side.
        Instant beforeDevWrites;
        Instant afterDevWrites;
        try (Connection d = LiveServer.connect(dev, "app"); Connection p = LiveServer.connect(prod, "app")) {
            beforeDevWrites = LiveServer.between();
            Sql.exec(d, "INSERT INTO items VALUES (1001, 'dev', 'only on dev')", "DELETE FROM items WHERE id = 1",
                    "UPDATE items SET note = 'changed on dev' WHERE id = 2");
            Sql.exec(p, "INSERT INTO items VALUES (2001, 'prod', 'only on prod')",
                    "UPDATE items SET note = 'changed on prod' WHERE id = 3");
            afterDevWrites = LiveServer.between();
            assertThat(Sql.rows(d, "SELECT id, note FROM items WHERE id IN (1, 2, 3, 1001, 2001) ORDER BY id"))
                    .containsExactly("2|changed on dev", "3|row 3 of first", "1001|only on dev");
            assertThat(Sql.rows(p, "SELECT id, note FROM items WHERE id IN (1, 2, 3, 1001, 2001) ORDER BY id"))
                    .containsExactly("1|row 1 of first", "2|row 2 of first", "3|changed on prod", "2001|only on prod");
            assertThat(Sql.count(p, "SELECT COUNT(*) FROM items")).isEqualTo(151);

            // Backtrack the clone to before its writes: its connections close, prod's stay.
            long b0 = System.nanoTime();
            BacktrackDbClusterResponse back = rds.backtrackDBCluster(b -> b.dbClusterIdentifier("dev")
                    .backtrackTo(beforeDevWrites));
            long backtrackMillis = (System.nanoTime() - b0) / 1_000_000;
            assertThat(back.status()).isEqualTo("completed");
            assertThatThrownBy(() -> Sql.count(d, "SELECT COUNT(*) FROM items")).as("a backtrack closes connections")
                    .isInstanceOf(SQLException.class);
            assertThat(Sql.count(p, "SELECT COUNT(*) FROM items")).as("the source's connection is untouched").isEqualTo(151);
            System.out.printf("clone flow: restore+instance %d ms, backtrack %d ms%n", cloneMillis, backtrackMillis);
        }
        try (Connection d = LiveServer.connect(dev, "app")) {
            assertThat(Sql.rows(d, "SELECT batch, COUNT(*), MIN(id), MAX(id) FROM items GROUP BY batch"))
                    .containsExactly("first|100|1|100");
            assertThat(Sql.rows(d, "SELECT note FROM items WHERE id = 2")).containsExactly("row 2 of first");
        }

        // ... and forward again, to after its writes.
        rds.backtrackDBCluster(b -> b.dbClusterIdentifier("dev").backtrackTo(afterDevWrites));
        try (Connection d = LiveServer.connect(dev, "app")) {
            assertThat(Sql.rows(d, "SELECT id, note FROM items WHERE id IN (1, 2, 1001) ORDER BY id"))
                    .containsExactly("2|changed on dev", "1001|only on dev");
            assertThat(Sql.count(d, "SELECT COUNT(*) FROM items")).isEqualTo(100);
        }
        assertThat(rds.describeDBClusterBacktracks(b -> b.dbClusterIdentifier("dev")).dbClusterBacktracks())
                .hasSize(2).allSatisfy(b -> assertThat(b.status()).isEqualTo("completed"));

        // A schema change on the clone (the migration an application would try there first): the source keeps its schema.
        // Flyway cannot run it yet: its first query, SELECT SUBSTRING_INDEX(USER(),'@',1), fails on the engine (1305).
        try (Connection d = LiveServer.connect(dev, "app")) {
            Sql.exec(d, "ALTER TABLE items ADD COLUMN price DECIMAL(10,2) NOT NULL DEFAULT 9.99",
                    "CREATE INDEX items_batch ON items (batch)",
                    "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, item_id INT NOT NULL)");
        }
        try (Connection d = LiveServer.connect(dev, "app"); Connection p = LiveServer.connect(prod, "app")) {
            assertThat(Sql.rows(d, "SELECT price FROM items WHERE id = 2")).containsExactly("9.99");
            Sql.exec(d, "INSERT INTO orders (item_id) VALUES (2)");
            assertThat(Sql.count(d, "SELECT COUNT(*) FROM orders")).isEqualTo(1);
            assertThatThrownBy(() -> Sql.rows(p, "SELECT price FROM items")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> Sql.rows(p, "SELECT * FROM orders")).isInstanceOf(SQLException.class);
            assertThat(Sql.count(p, "SELECT COUNT(*) FROM items")).isEqualTo(151);
        }

        // Delete everything: the endpoints stop answering, and the API forgets the clusters.
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("dev-1"));
        assertThat(LiveServer.answers(dev.endpoint(), dev.port())).as("the clone's last instance is gone").isFalse();
        assertThat(LiveServer.answers(prod.endpoint(), prod.port())).isTrue();
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("prod-1"));
        assertThat(rds.deleteDBCluster(b -> b.dbClusterIdentifier("dev").skipFinalSnapshot(true)).dbCluster().status())
                .isEqualTo("deleting");
        rds.deleteDBCluster(b -> b.dbClusterIdentifier("prod").skipFinalSnapshot(true));
        rds.waiter().waitUntilDBClusterDeleted(b -> b.dbClusterIdentifier("prod"));
        assertThat(rds.describeDBClusters().dbClusters()).isEmpty();
        assertThat(rds.describeDBInstances().dbInstances()).isEmpty();
        assertThatThrownBy(() -> describe("dev")).isInstanceOf(DbClusterNotFoundException.class);
        for (DBCluster c : List.of(prod, dev)) {
            assertThat(LiveServer.answers(c.endpoint(), c.port())).as("endpoint of %s", c.dbClusterIdentifier()).isFalse();
            assertThatThrownBy(() -> LiveServer.connect(c, "").close()).isInstanceOf(SQLException.class);
        }
    }
}
