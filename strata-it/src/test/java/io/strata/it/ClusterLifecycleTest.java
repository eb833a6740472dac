package io.strata.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterBacktrack;
import software.amazon.awssdk.services.rds.model.DbClusterQuotaExceededException;
import software.amazon.awssdk.services.rds.model.RdsException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cluster life cycle through the AWS SDK against one `strata server` child JVM with the real engine: stop and
 * start, master password changes, deletion protection, full-copy restore, a source deleted under a live clone,
 * the clone limit, times sent back at the API's precision, and the engine cache an instance class gives.
 * The server runs with {@code --max-clones-per-source 2} and cluster endpoints on any free port.
 */
class ClusterLifecycleTest {
    @TempDir
    static Path dir;
    static StrataServerProcess server;
    static RdsClient rds;

    @BeforeAll
    static void start() throws Exception {
        server = StrataServerProcess.start(dir, StrataServerProcess.freePort(), StrataServerProcess.freePort(),
                List.of("--port-range", "0", "--max-clones-per-source", "2"), java.util.Map.of());
        rds = LiveServer.rds(server.apiUrl(), "test", "test");
    }

    @AfterAll
    static void stop() throws Exception {
        rds.close();
        server.close();
    }

    static DBCluster create(String id, long window) {
        DBCluster c = rds.createDBCluster(b -> b.dbClusterIdentifier(id).engine("aurora-mysql")
                .masterUsername(LiveServer.USER).masterUserPassword(LiveServer.PASSWORD).backtrackWindow(window)).dbCluster();
        instance(id + "-1", id, "db.r6g.large");
        return c;
    }

    static void instance(String instanceId, String clusterId, String instanceClass) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(instanceId).dbClusterIdentifier(clusterId)
                .engine("aurora-mysql").dbInstanceClass(instanceClass));
    }

    static DBCluster describe(String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
    }

    static void deleteAll(String id) {
        rds.describeDBInstances(b -> b.filters(f -> f.name("db-cluster-id").values(id))).dbInstances()
                .forEach(i -> rds.deleteDBInstance(b -> b.dbInstanceIdentifier(i.dbInstanceIdentifier())));
        rds.deleteDBCluster(b -> b.dbClusterIdentifier(id).skipFinalSnapshot(true));
    }

    static Connection connect(DBCluster c, String password) throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:mysql://" + c.endpoint() + ":" + c.port() + "/?user="
                + LiveServer.USER + "&password=" + password + "&allowPublicKeyRetrieval=true&useSSL=false&connectTimeout=5000");
    }

    static void fill(DBCluster c, int rows) throws SQLException {
        try (Connection p = LiveServer.connect(c, "")) {
            Sql.exec(p, "CREATE DATABASE app", Sql.ITEMS);
            for (int from = 1; from <= rows; from += 500) {
                Sql.insertBatch(p, from, Math.min(rows, from + 499), "b" + from);
            }
        }
    }

    static final String DIGEST = "SELECT COUNT(*), SUM(id), MIN(note), MAX(note), SUM(LENGTH(note)) FROM app.items";

    @Test
    void stopAndStartKeepTheData() throws Exception {
        DBCluster c = create("stopper", 0);
        fill(c, 10);
        DBCluster stopped = rds.stopDBCluster(b -> b.dbClusterIdentifier("stopper")).dbCluster();
        assertThat(stopped.status()).isEqualTo("stopped");
        assertThat(LiveServer.answers(c.endpoint(), c.port())).isFalse();
        assertThat(rds.describeDBInstances(b -> b.dbInstanceIdentifier("stopper-1")).dbInstances().get(0).dbInstanceStatus())
                .isEqualTo("stopped");
        assertThatThrownBy(() -> rds.stopDBCluster(b -> b.dbClusterIdentifier("stopper")))
                .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidDBClusterStateFault"));
        assertThat(rds.startDBCluster(b -> b.dbClusterIdentifier("stopper")).dbCluster().status()).isEqualTo("available");
        try (Connection x = LiveServer.connect(c, "app")) {
            assertThat(Sql.count(x, "SELECT COUNT(*) FROM items")).isEqualTo(10);
        }
        deleteAll("stopper");
    }

    @Test
    void aNewMasterPasswordWorksAndTheOldOneIsRefused() throws Exception {
        DBCluster c = create("pw", 0);
        try (Connection old = LiveServer.connect(c, "")) {
            Sql.exec(old, "CREATE DATABASE app");
        }
        assertThat(rds.modifyDBCluster(b -> b.dbClusterIdentifier("pw").masterUserPassword("new-secret-2")
                .applyImmediately(true)).dbCluster().status()).isEqualTo("available");
        try (Connection fresh = connect(c, "new-secret-2")) {
            assertThat(Sql.rows(fresh, "SHOW DATABASES LIKE 'app'")).containsExactly("app");
        }
        assertThatThrownBy(() -> connect(c, LiveServer.PASSWORD).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
        assertThatThrownBy(() -> rds.modifyDBCluster(b -> b.dbClusterIdentifier("pw").masterUserPassword("short")))
                .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        connect(c, "new-secret-2").close();
        deleteAll("pw");
    }

    @Test
    void deletionProtectionKeepsTheClusterButNotItsInstance() throws Exception {
        DBCluster c = create("guarded", 0);
        rds.modifyDBCluster(b -> b.dbClusterIdentifier("guarded").deletionProtection(true));
        assertThatThrownBy(() -> rds.deleteDBCluster(b -> b.dbClusterIdentifier("guarded").skipFinalSnapshot(true)))
                .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"))
                .hasMessageContaining("deletion protection");
        assertThat(LiveServer.answers(c.endpoint(), c.port())).as("a refused delete changes nothing").isTrue();
        // As in Aurora's API, the last instance of a protected cluster may be deleted; the cluster (its data) stays.
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("guarded-1"));
        assertThat(LiveServer.answers(c.endpoint(), c.port())).isFalse();
        assertThat(describe("guarded").deletionProtection()).isTrue();
        rds.modifyDBCluster(b -> b.dbClusterIdentifier("guarded").deletionProtection(false));
        rds.deleteDBCluster(b -> b.dbClusterIdentifier("guarded").skipFinalSnapshot(true));
        assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier).doesNotContain("guarded");
    }

    @Test
    void aFullCopyIsCreatedInTheBackgroundHoldsTheSameDataAndSharesNothing() throws Exception {
        DBCluster src = create("copysrc", 0);
        fill(src, 2000);
        List<String> digest;
        try (Connection s = LiveServer.connect(src, "")) {
            digest = Sql.rows(s, DIGEST);
        }
        DBCluster copy = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("fullcopy")
                .sourceDBClusterIdentifier("copysrc").restoreType("full-copy").useLatestRestorableTime(true)).dbCluster();
        assertThat(copy.status()).isEqualTo("creating");
        assertThat(copy.percentProgress()).isNotNull();
        assertThat(copy.cloneGroupId()).isNotEqualTo(src.cloneGroupId());
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        DBCluster now = copy;
        while (!now.status().equals("available") && System.nanoTime() < deadline) {
            seen.add(now.status() + ":" + now.percentProgress());
            Thread.sleep(20);
            now = describe("fullcopy");
        }
        assertThat(now.status()).isEqualTo("available");
        assertThat(now.percentProgress()).isNull();
        assertThat(seen).allSatisfy(s -> assertThat(s).startsWith("creating:"));
        instance("fullcopy-1", "fullcopy", "db.r6g.large");
        deleteAll("copysrc");
        try (Connection c = LiveServer.connect(now, "")) {
            assertThat(Sql.rows(c, DIGEST)).as("the same rows, with the source gone").isEqualTo(digest);
            Sql.exec(c, "INSERT INTO app.items VALUES (999999, 'copy', 'written on the copy')");
        }
        deleteAll("fullcopy");
    }

    @Test
    void deletingTheSourceLeavesALiveCloneIntact() throws Exception {
        DBCluster src = create("parent", 0);
        fill(src, 1000);
        DBCluster clone = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("orphan")
                .sourceDBClusterIdentifier("parent").restoreType("copy-on-write").useLatestRestorableTime(true)).dbCluster();
        instance("orphan-1", "orphan", "db.r6g.large");
        List<String> digest;
        try (Connection c = LiveServer.connect(clone, "")) {
            digest = Sql.rows(c, DIGEST);
            assertThat(digest.get(0)).startsWith("1000|");
            deleteAll("parent");
            assertThat(Sql.rows(c, DIGEST)).as("the open connection reads on").isEqualTo(digest);
        }
        try (Connection c = LiveServer.connect(clone, "")) {
            assertThat(Sql.rows(c, DIGEST)).isEqualTo(digest);
            Sql.exec(c, "UPDATE app.items SET note = 'after the source went' WHERE id <= 10");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM app.items WHERE note = 'after the source went'")).isEqualTo(10);
        }
        deleteAll("orphan");
    }

    @Test
    void theCloneLimitIsEnforcedAndSaysHowToRaiseIt() {
        rds.createDBCluster(b -> b.dbClusterIdentifier("popular").engine("aurora-mysql").masterUsername(LiveServer.USER)
                .masterUserPassword(LiveServer.PASSWORD));
        for (String id : List.of("fan-1", "fan-2")) {
            rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier(id).sourceDBClusterIdentifier("popular")
                    .restoreType("copy-on-write").useLatestRestorableTime(true));
        }
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("fan-3")
                .sourceDBClusterIdentifier("popular").restoreType("copy-on-write").useLatestRestorableTime(true)))
                .isInstanceOf(DbClusterQuotaExceededException.class)
                .hasMessageContaining("already has 2 copy-on-write clones")
                .hasMessageContaining("strata server --max-clones-per-source N");
        rds.deleteDBCluster(b -> b.dbClusterIdentifier("fan-1").skipFinalSnapshot(true));
        rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("fan-3").sourceDBClusterIdentifier("popular")
                .restoreType("copy-on-write").useLatestRestorableTime(true));
        for (String id : List.of("fan-2", "fan-3", "popular")) {
            rds.deleteDBCluster(b -> b.dbClusterIdentifier(id).skipFinalSnapshot(true));
        }
    }

    @Test
    void timesTheApiShowsAreAcceptedWhenSentBack() throws Exception {
        DBCluster src = create("clock", 3600);
        fill(src, 20);
        DBCluster clone = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("clock-clone")
                .sourceDBClusterIdentifier("clock").restoreType("copy-on-write").useLatestRestorableTime(true)).dbCluster();
        instance("clock-clone-1", "clock-clone", "db.r6g.large");
        Instant beforeWrite = LiveServer.between();
        try (Connection c = LiveServer.connect(clone, "app")) {
            Sql.exec(c, "INSERT INTO items VALUES (100, 'clone', 'on the clone')");
        }
        DBCluster shown = describe("clock-clone");
        assertThat(shown.earliestBacktrackTime()).isEqualTo(shown.earliestBacktrackTime().truncatedTo(ChronoUnit.MILLIS))
                .isAfterOrEqualTo(clone.clusterCreateTime().minusSeconds(1)).isBefore(beforeWrite);
        assertThat(shown.latestRestorableTime()).isAfter(beforeWrite).isBeforeOrEqualTo(Instant.now());

        Instant requested = Instant.now();
        DBClusterBacktrack b = toBacktrack(rds.backtrackDBCluster(x -> x.dbClusterIdentifier("clock-clone")
                .backtrackTo(shown.earliestBacktrackTime())));
        assertThat(b.status()).isEqualTo("completed");
        assertThat(b.backtrackTo()).isEqualTo(shown.earliestBacktrackTime());
        assertThat(b.backtrackedFrom()).as("the clone's latest point before the backtrack: its insert")
                .isAfter(beforeWrite).isBeforeOrEqualTo(requested);
        assertThat(b.backtrackRequestCreationTime()).isAfterOrEqualTo(requested.truncatedTo(ChronoUnit.MILLIS));
        DBClusterBacktrack listed = rds.describeDBClusterBacktracks(x -> x.dbClusterIdentifier("clock-clone"))
                .dbClusterBacktracks().get(0);
        assertThat(listed.backtrackTo()).isEqualTo(b.backtrackTo());
        assertThat(listed.backtrackedFrom()).isEqualTo(b.backtrackedFrom());
        try (Connection c = LiveServer.connect(clone, "app")) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM items")).as("the clone as created").isEqualTo(20);
        }

        DBCluster fromEarliest = rds.restoreDBClusterToPointInTime(x -> x.dbClusterIdentifier("clock-early")
                .sourceDBClusterIdentifier("clock-clone").restoreType("copy-on-write")
                .restoreToTime(shown.earliestRestorableTime())).dbCluster();
        instance("clock-early-1", "clock-early", "db.r6g.large");
        try (Connection c = LiveServer.connect(fromEarliest, "app")) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM items")).isEqualTo(20);
        }
        deleteAll("clock-early");
        deleteAll("clock-clone");
        deleteAll("clock");
    }

    private static DBClusterBacktrack toBacktrack(software.amazon.awssdk.services.rds.model.BacktrackDbClusterResponse r) {
        return DBClusterBacktrack.builder().status(r.status()).backtrackTo(r.backtrackTo()).backtrackedFrom(r.backtrackedFrom())
                .backtrackRequestCreationTime(r.backtrackRequestCreationTime()).build();
    }

    @Test
    void theInstanceClassSetsTheEngineCache() throws Exception {
        rds.createDBCluster(b -> b.dbClusterIdentifier("sized").engine("aurora-mysql").masterUsername(LiveServer.USER)
                .masterUserPassword(LiveServer.PASSWORD));
        instance("sized-1", "sized", "db.t3.small");
        DBCluster c = describe("sized");
        assertThat(rds.describeDBInstances(b -> b.dbInstanceIdentifier("sized-1")).dbInstances().get(0).dbInstanceClass())
                .isEqualTo("db.t3.small");
        try (Connection x = LiveServer.connect(c, "")) {
            assertThat(Sql.rows(x, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'"))
                    .as("32 MiB, in KiB").containsExactly("32768");
        }
        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("sized-1"));
        instance("sized-2", "sized", "db.r6g.2xlarge");
        try (Connection x = LiveServer.connect(c, "")) {
            assertThat(Sql.rows(x, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'"))
                    .containsExactly("524288");
        }
        assertThatThrownBy(() -> instance("sized-3", "sized", "db.nonsense"))
                .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("db.strata.NNNm");
        deleteAll("sized");
    }
}
