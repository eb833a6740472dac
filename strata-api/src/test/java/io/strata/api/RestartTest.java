package io.strata.api;

import io.strata.control.ControlPlaneOptions;
import io.strata.control.testing.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog survives restarts: clusters, clones, snapshots and backtracks come back on the same ports. */
class RestartTest {
    @TempDir
    Path dir;

    static Map<String, Integer> ports(RdsClient rds) {
        return rds.describeDBClusters().dbClusters().stream().collect(Collectors.toMap(DBCluster::dbClusterIdentifier, DBCluster::port));
    }

    /** Builds prod (with an instance), a clone dev (with an instance), a snapshot and a backtrack; data via the endpoints. */
    static Map<String, Integer> populate(RdsClient rds) throws Exception {
        rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("secret-pw1").backtrackWindow(3600L));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("prod-1").dbClusterIdentifier("prod").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        int prodPort = ports(rds).get("prod");
        assertThat(Probe.send(prodPort, "put 0 first")).isEqualTo("ok");
        Thread.sleep(40);
        Instant between = Instant.now();
        Thread.sleep(40);
        assertThat(Probe.send(prodPort, "put 1 second")).isEqualTo("ok");
        rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").restoreToTime(between));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("dev-1").dbClusterIdentifier("dev").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        assertThat(Probe.send(ports(rds).get("dev"), "put 2 dev-only")).isEqualTo("ok");
        rds.createDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier("snap").dbClusterIdentifier("prod"));
        rds.backtrackDBCluster(b -> b.dbClusterIdentifier("prod").backtrackTo(Instant.now()));
        return ports(rds);
    }

    static void checkBack(RdsClient rds, Map<String, Integer> ports) throws Exception {
        assertThat(ports(rds)).isEqualTo(ports);
        assertThat(rds.describeDBInstances().dbInstances()).hasSize(2);
        assertThat(rds.describeDBClusterSnapshots().dbClusterSnapshots()).hasSize(1);
        assertThat(rds.describeDBClusterBacktracks(b -> b.dbClusterIdentifier("prod")).dbClusterBacktracks())
                .singleElement().satisfies(b -> assertThat(b.status()).isEqualTo("completed"));
        int prod = ports.get("prod");
        int dev = ports.get("dev");
        assertThat(Probe.send(prod, "get 0")).isEqualTo("first");
        assertThat(Probe.send(prod, "get 1")).isEqualTo("second");
        assertThat(Probe.send(prod, "get 2")).isEmpty();
        assertThat(Probe.send(dev, "get 0")).isEqualTo("first");
        assertThat(Probe.send(dev, "get 1")).isEmpty();
        assertThat(Probe.send(dev, "get 2")).isEqualTo("dev-only");
    }

    @Test
    void closeAndReopenBringsEverythingBackOnTheSamePorts() throws Exception {
        try (LiveApi api = new LiveApi(dir, ControlPlaneOptions.defaults())) {
            Map<String, Integer> ports;
            try (RdsClient rds = api.rds()) {
                ports = populate(rds);
            }
            api.restart();
            try (RdsClient rds = api.rds()) {
                checkBack(rds, ports);
            }
        }
    }

    @Test
    void killMinus9OfTheServerLosesNothingAcknowledged() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        ChildServer.Running first = ChildServer.start(data, dir);
        Map<String, Integer> ports;
        try (RdsClient rds = LiveApi.rds(first.url(), "test", "test")) {
            ports = populate(rds);
        } finally {
            first.kill();
        }
        assertThat(Probe.answers(ports.get("prod"))).isFalse();
        ChildServer.Running second = ChildServer.start(data, dir);
        try (RdsClient rds = LiveApi.rds(second.url(), "test", "test")) {
            checkBack(rds, ports);
        } finally {
            second.kill();
        }
    }
}
