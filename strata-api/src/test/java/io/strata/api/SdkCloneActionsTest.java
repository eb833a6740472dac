package io.strata.api;

import io.strata.control.ControlPlaneOptions;
import io.strata.control.testing.Probe;
import io.strata.storage.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.BacktrackDbClusterResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterBacktrack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clone and backtrack actions through the AWS SDK over the stand-in runtime (TcpClusterRuntime: no engine,
 * records written straight into the volumes): the API's shapes, statuses and times for restore, instance,
 * backtrack back and forth. The scenario on the real engine is strata-it's CloneFlowTest.
 */
class SdkCloneActionsTest {
    @TempDir
    Path dir;
    LiveApi api;
    RdsClient rds;

    @BeforeEach
    void start() throws Exception {
        api = new LiveApi(dir, ControlPlaneOptions.defaults());
        rds = api.rds();
    }

    @AfterEach
    void stop() {
        rds.close();
        api.close();
    }

    static Instant between() throws InterruptedException {
        Thread.sleep(40);
        Instant t = Instant.now();
        Thread.sleep(40);
        return t;
    }

    DBCluster describe(String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
    }

    @Test
    void cloneHoldsTheFirstBatchHasItsOwnEndpointAndBacktracksBackAndForth() throws Exception {
        DBCluster prod = rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret-pw1").backtrackWindow(3600L)).dbCluster();
        rds.waiter().waitUntilDBClusterAvailable(b -> b.dbClusterIdentifier("prod"));
        assertThat(prod.status()).isEqualTo("available");
        assertThat(prod.endpoint()).isEqualTo("127.0.0.1");
        assertThat(Probe.answers(prod.port())).as("no instance yet").isFalse();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("prod-1").dbClusterIdentifier("prod")
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        rds.waiter().waitUntilDBInstanceAvailable(b -> b.dbInstanceIdentifier("prod-1"));
        assertThat(Probe.answers(prod.port())).isTrue();

        Volume pv = api.cp.volumeOf("prod");
        Probe.put(pv, 0, "batch-1a");
        Probe.put(pv, 1, "batch-1b");
        Instant between = between();
        Probe.put(pv, 2, "batch-2");

        DBCluster dev = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev")
                .sourceDBClusterIdentifier("prod").restoreType("copy-on-write").restoreToTime(between)).dbCluster();
        assertThat(dev.port()).isNotEqualTo(prod.port());
        assertThat(dev.cloneGroupId()).isEqualTo(prod.cloneGroupId());
        assertThat(dev.backtrackWindow()).isEqualTo(3600L);
        assertThat(Probe.answers(dev.port())).as("a restored cluster has no instance").isFalse();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("dev-1").dbClusterIdentifier("dev").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        assertThat(Probe.answers(dev.port())).isTrue();

        Volume dv = api.cp.volumeOf("dev");
        assertThat(Probe.greeting(dev.port())).isEqualTo(dv.name());
        assertThat(List.of(Probe.get(dv, 0), Probe.get(dv, 1), Probe.get(dv, 2))).containsExactly("batch-1a", "batch-1b", "");

        Instant beforeDevWrite = between();
        Probe.put(dv, 3, "dev-side");
        Probe.put(pv, 4, "prod-side");
        assertThat(Probe.get(pv, 3)).isEmpty();
        assertThat(Probe.get(dv, 4)).isEmpty();
        Instant afterDevWrite = between();

        BacktrackDbClusterResponse back = rds.backtrackDBCluster(b -> b.dbClusterIdentifier("dev").backtrackTo(beforeDevWrite));
        assertThat(back.status()).isEqualTo("completed");
        assertThat(Probe.get(dv, 3)).isEmpty();
        assertThat(Probe.get(dv, 0)).isEqualTo("batch-1a");
        assertThat(Probe.answers(dev.port())).as("reopened after the backtrack").isTrue();
        rds.backtrackDBCluster(b -> b.dbClusterIdentifier("dev").backtrackTo(afterDevWrite));
        assertThat(Probe.get(dv, 3)).isEqualTo("dev-side");
        assertThat(Probe.get(pv, 4)).isEqualTo("prod-side");

        List<DBClusterBacktrack> backtracks = rds.describeDBClusterBacktracks(b -> b.dbClusterIdentifier("dev")).dbClusterBacktracks();
        assertThat(backtracks).hasSize(2).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo("completed");
            assertThat(b.backtrackTo()).isNotNull();
            assertThat(b.backtrackedFrom()).isNotNull();
            assertThat(b.backtrackRequestCreationTime()).isNotNull();
        });
        assertThat(describe("dev").earliestBacktrackTime()).isNotNull();

        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("dev-1"));
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("prod-1"));
        assertThat(rds.deleteDBCluster(b -> b.dbClusterIdentifier("dev").skipFinalSnapshot(true)).dbCluster().status())
                .isEqualTo("deleting");
        rds.deleteDBCluster(b -> b.dbClusterIdentifier("prod").skipFinalSnapshot(true));
        rds.waiter().waitUntilDBClusterDeleted(b -> b.dbClusterIdentifier("prod"));
        assertThat(rds.describeDBClusters().dbClusters()).isEmpty();
        assertThat(rds.describeDBInstances().dbInstances()).isEmpty();
        assertThat(Probe.answers(prod.port())).isFalse();
        assertThat(Probe.answers(dev.port())).isFalse();
    }

    @Test
    void snapshotsRestoreAtTheirPointAndOutliveTheirCluster() throws Exception {
        rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("secret-pw1"));
        Volume pv = api.cp.volumeOf("prod");
        Probe.put(pv, 0, "at-snapshot");
        rds.createDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("snap").dbClusterIdentifier("prod"));
        Probe.put(pv, 0, "after-snapshot");
        rds.deleteDBCluster(b -> b.dbClusterIdentifier("prod").skipFinalSnapshot(true));

        assertThat(rds.describeDBClusterSnapshots().dbClusterSnapshots()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("available"));
        DBCluster restored = rds.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("restored")
                .snapshotIdentifier("snap").engine("aurora-mysql")).dbCluster();
        assertThat(restored.masterUsername()).isEqualTo("admin");
        assertThat(Probe.get(api.cp.volumeOf("restored"), 0)).isEqualTo("at-snapshot");
        rds.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("snap"));
        assertThat(rds.describeDBClusterSnapshots().dbClusterSnapshots()).isEmpty();
    }

    @Test
    void stopStartAndModify() {
        DBCluster c = rds.createDBCluster(b -> b.dbClusterIdentifier("app").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret-pw1").deletionProtection(true)).dbCluster();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("app-1").dbClusterIdentifier("app").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        assertThat(rds.describeDBInstances(b -> b.filters(f -> f.name("db-cluster-id").values("app"))).dbInstances())
                .singleElement().satisfies(i -> assertThat(i.endpoint().port()).isEqualTo(c.port()));
        assertThat(rds.stopDBCluster(b -> b.dbClusterIdentifier("app")).dbCluster().status()).isEqualTo("stopped");
        assertThat(rds.describeDBInstances(b -> b.dbInstanceIdentifier("app-1")).dbInstances().get(0).dbInstanceStatus())
                .isEqualTo("stopped");
        assertThat(Probe.answers(c.port())).isFalse();
        assertThat(rds.startDBCluster(b -> b.dbClusterIdentifier("app")).dbCluster().status()).isEqualTo("available");
        assertThat(Probe.answers(c.port())).isTrue();
        DBCluster m = rds.modifyDBCluster(b -> b.dbClusterIdentifier("app").backtrackWindow(7200L)
                .masterUserPassword("another-pw").deletionProtection(false)).dbCluster();
        assertThat(m.backtrackWindow()).isEqualTo(7200L);
        assertThat(m.deletionProtection()).isFalse();
        assertThat(Probe.answers(c.port())).isTrue();
    }
}
