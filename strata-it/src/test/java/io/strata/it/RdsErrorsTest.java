package io.strata.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.RdsException;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Error cases through the AWS SDK against `strata server` with the real engine: each gets RDS's error code and
 * status, and none disturbs the live cluster (its connection stays open, its data unchanged).
 */
class RdsErrorsTest {
    @TempDir
    static Path dir;
    static LiveServer server;
    static RdsClient rds;
    static DBCluster prod;
    static Connection prodConnection;

    @BeforeAll
    static void start() throws Exception {
        server = LiveServer.start(dir);
        rds = server.rds();
        prod = rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql").masterUsername(LiveServer.USER)
                .masterUserPassword(LiveServer.PASSWORD).backtrackWindow(600L)).dbCluster();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("prod-1").dbClusterIdentifier("prod").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        prodConnection = LiveServer.connect(prod, "");
        Sql.exec(prodConnection, "CREATE DATABASE app", Sql.ITEMS);
        Sql.insertBatch(prodConnection, 1, 10, "first");
    }

    @AfterAll
    static void stop() throws Exception {
        // Every refused request left the cluster serving, with the same connection and the same rows.
        assertThat(Sql.count(prodConnection, "SELECT COUNT(*) FROM app.items")).isEqualTo(10);
        prodConnection.close();
        rds.close();
        server.close();
    }

    static String code(Throwable e) {
        return ((RdsException) e).awsErrorDetails().errorCode();
    }

    static int status(Throwable e) {
        return ((RdsException) e).statusCode();
    }

    @Test
    void unknownCluster() {
        assertThatThrownBy(() -> rds.describeDBClusters(b -> b.dbClusterIdentifier("nope")))
                .isInstanceOf(DbClusterNotFoundException.class).hasMessageContaining("nope")
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c").sourceDBClusterIdentifier("nope")
                .restoreType("copy-on-write").useLatestRestorableTime(true))).isInstanceOf(DbClusterNotFoundException.class);
        assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("nope").backtrackTo(Instant.now())))
                .isInstanceOf(DbClusterNotFoundException.class);
        assertThatThrownBy(() -> rds.createDBInstance(b -> b.dbInstanceIdentifier("nope-1").dbClusterIdentifier("nope")
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"))).isInstanceOf(DbClusterNotFoundException.class);
        assertThatThrownBy(() -> rds.deleteDBCluster(b -> b.dbClusterIdentifier("nope").skipFinalSnapshot(true)))
                .isInstanceOf(DbClusterNotFoundException.class);
    }

    @Test
    void duplicateName() {
        assertThatThrownBy(() -> rds.createDBCluster(b -> b.dbClusterIdentifier("PROD").engine("aurora-mysql")
                .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD)))
                .as("identifiers are case-insensitive, as in RDS").isInstanceOf(DbClusterAlreadyExistsException.class);
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("prod")
                .sourceDBClusterIdentifier("prod").restoreType("copy-on-write").useLatestRestorableTime(true)))
                .isInstanceOf(DbClusterAlreadyExistsException.class);
        assertThatThrownBy(() -> rds.createDBInstance(b -> b.dbInstanceIdentifier("prod-1").dbClusterIdentifier("prod")
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"))).isInstanceOf(DbInstanceAlreadyExistsException.class);
        assertThat(rds.describeDBClusters().dbClusters()).hasSize(1);
    }

    @Test
    void badTimes() throws Exception {
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c1").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").restoreToTime(Instant.now().plusSeconds(3600))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue")).hasMessageContaining("latest restorable");
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c1").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").restoreToTime(Instant.now().minusSeconds(86_400))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue")).hasMessageContaining("earliest restorable");
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c1").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").restoreToTime(Instant.now()).useLatestRestorableTime(true)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("prod").backtrackTo(Instant.now().plusSeconds(3600))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue")).hasMessageContaining("future");
        Instant beforeCreation = Instant.now().minusSeconds(3600);
        assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("prod").backtrackTo(beforeCreation)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("UseEarliestTimeOnPointInTimeUnavailable");

        // A clone cannot be backtracked to before its creation, even to a time its source can reach.
        Instant beforeClone = LiveServer.between();
        DBCluster clone = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("bt-clone").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").useLatestRestorableTime(true)).dbCluster();
        try {
            assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("bt-clone").backtrackTo(beforeClone)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                    .hasMessageContaining("creation for a clone");
            assertThat(clone.earliestBacktrackTime()).isAfter(beforeClone);
        } finally {
            rds.deleteDBCluster(b -> b.dbClusterIdentifier("bt-clone").skipFinalSnapshot(true));
        }
    }

    @Test
    void windowExceeded() {
        assertThatThrownBy(() -> rds.createDBCluster(b -> b.dbClusterIdentifier("big").engine("aurora-mysql")
                .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD).backtrackWindow(259_201L)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue")).hasMessageContaining("259200");
        assertThatThrownBy(() -> rds.modifyDBCluster(b -> b.dbClusterIdentifier("prod").backtrackWindow(259_201L)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("big").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").useLatestRestorableTime(true).backtrackWindow(-1L)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThat(rds.describeDBClusters(b -> b.dbClusterIdentifier("prod")).dbClusters().get(0).backtrackWindow()).isEqualTo(600L);
    }

    @Test
    void backtrackWithoutAWindowIsAStateError() {
        rds.createDBCluster(b -> b.dbClusterIdentifier("nobt").engine("aurora-mysql").masterUsername(LiveServer.USER)
                .masterUserPassword(LiveServer.PASSWORD));
        try {
            assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("nobt").backtrackTo(Instant.now())))
                    .isInstanceOf(InvalidDbClusterStateException.class).hasMessageContaining("BacktrackWindow");
        } finally {
            rds.deleteDBCluster(b -> b.dbClusterIdentifier("nobt").skipFinalSnapshot(true));
        }
    }

    @Test
    void badSignature() {
        try (RdsClient wrongSecret = LiveServer.rds(server.apiUrl(), "test", "not-the-secret")) {
            assertThatThrownBy(wrongSecret::describeDBClusters)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(403));
            assertThatThrownBy(() -> wrongSecret.deleteDBInstance(b -> b.dbInstanceIdentifier("prod-1")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"));
        }
        try (RdsClient unknownKey = LiveServer.rds(server.apiUrl(), "AKIDNOBODY", "test")) {
            assertThatThrownBy(unknownKey::describeDBClusters)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidClientTokenId"))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(403));
        }
        assertThat(LiveServer.answers(prod.endpoint(), prod.port())).as("the refused DeleteDBInstance did nothing").isTrue();
    }
}
