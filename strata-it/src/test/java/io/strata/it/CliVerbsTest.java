package io.strata.it;

import io.strata.cli.StrataCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The `strata` verbs against `strata server` (child JVM, real engine), checked through Connector/J and the SDK:
 * cluster create/list/describe/modify/delete, clone --at/--latest/--full-copy/--master-password,
 * backtrack/backtracks, snapshot create/list/delete/restore, and STRATA_API in place of --api.
 */
class CliVerbsTest {
    @TempDir
    static Path dir;
    static StrataServerProcess server;
    static RdsClient rds;
    String out;
    String err;

    @BeforeAll
    static void start() throws Exception {
        server = StrataServerProcess.start(dir, StrataServerProcess.freePort(), StrataServerProcess.freePort(),
                List.of("--port-range", "0"), Map.of());
        rds = LiveServer.rds(server.apiUrl(), "test", "test");
    }

    @AfterAll
    static void stop() throws Exception {
        rds.close();
        server.close();
    }

    int strata(String... args) {
        List<String> all = new ArrayList<>(List.of("--api", server.apiUrl()));
        all.addAll(List.of(args));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return StrataCli.run(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    static DBCluster describe(String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
    }

    static Connection connect(String id, String password) throws SQLException {
        DBCluster c = describe(id);
        return java.sql.DriverManager.getConnection("jdbc:mysql://" + c.endpoint() + ":" + c.port() + "/?user=admin"
                + "&password=" + password + "&allowPublicKeyRetrieval=true&useSSL=false&connectTimeout=5000");
    }

    static long count(String id, String password) throws SQLException {
        try (Connection c = connect(id, password)) {
            return Sql.count(c, "SELECT COUNT(*) FROM app.items");
        }
    }

    @Test
    void everyVerbOnTheRealEngine() throws Exception {
        assertThat(strata("cluster", "create", "shop", "--master-password", "shop-pw-1", "--backtrack-window", "1h")).as(err).isZero();
        assertThat(out).contains("DBClusterIdentifier: shop").contains("Status: available").contains("BacktrackWindow: 3600");
        Instant between;
        try (Connection c = connect("shop", "shop-pw-1")) {
            Sql.exec(c, "CREATE DATABASE app", Sql.ITEMS);
            Sql.insertBatch(c, 1, 10, "first");
            between = LiveServer.between();
            Sql.insertBatch(c, 11, 15, "second");
        }
        assertThat(strata("cluster", "list")).isZero();
        assertThat(out.lines().toList()).hasSize(3).first().asString().startsWith("NAME");
        assertThat(out.lines().filter(l -> l.startsWith("shop")).toList()).singleElement().asString().contains("available")
                .contains("127.0.0.1:" + describe("shop").port());
        assertThat(strata("cluster", "describe", "shop", "--json")).isZero();
        assertThat(out).contains("\"DBClusterIdentifier\":\"shop\"").contains("\"Port\":" + describe("shop").port());

        // clone --at, --latest, --master-password, --full-copy
        assertThat(strata("clone", "shop", "at", "--at", between.toString())).as(err).isZero();
        assertThat(count("at", "shop-pw-1")).isEqualTo(10);
        assertThat(strata("clone", "shop", "latest", "--latest", "--master-password", "latest-pw-1")).as(err).isZero();
        assertThat(count("latest", "latest-pw-1")).isEqualTo(15);
        assertThat(strata("clone", "shop", "copy", "--full-copy")).as(err).isZero();
        assertThat(err).contains("copying copy [").contains("100%");
        assertThat(describe("copy").cloneGroupId()).isNotEqualTo(describe("shop").cloneGroupId());
        assertThat(count("copy", "shop-pw-1")).isEqualTo(15);

        // backtrack and backtracks
        Instant beforeDelete = LiveServer.between();
        try (Connection c = connect("latest", "latest-pw-1")) {
            Sql.exec(c, "DELETE FROM app.items WHERE id > 5");
        }
        assertThat(strata("backtrack", "latest", "--to", beforeDelete.toString())).as(err).isZero();
        assertThat(out).contains("Status: completed");
        assertThat(count("latest", "latest-pw-1")).isEqualTo(15);
        assertThat(strata("backtracks", "latest", "--json")).isZero();
        assertThat(out).contains("\"Status\":\"completed\"").contains("\"BacktrackTo\":\"" + beforeDelete.truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS) + "\"");

        // snapshot create, list, restore, delete
        assertThat(strata("snapshot", "create", "latest", "latest-snap")).as(err).isZero();
        assertThat(strata("snapshot", "list")).isZero();
        assertThat(out).contains("latest-snap").contains("latest");
        assertThat(strata("snapshot", "restore", "latest-snap", "from-snap")).as(err).isZero();
        assertThat(count("from-snap", "latest-pw-1")).isEqualTo(15);
        assertThat(strata("snapshot", "delete", "latest-snap")).isZero();
        assertThat(rds.describeDBClusterSnapshots().dbClusterSnapshots()).isEmpty();

        // modify and delete
        assertThat(strata("cluster", "modify", "shop", "--deletion-protection")).isZero();
        assertThat(strata("cluster", "delete", "shop")).isEqualTo(1);
        assertThat(err).contains("deletion protection").contains("nothing was deleted");
        assertThat(count("shop", "shop-pw-1")).as("the refused delete left shop serving").isEqualTo(15);
        assertThat(strata("cluster", "modify", "shop", "--no-deletion-protection", "--master-password", "shop-pw-2")).isZero();
        assertThat(count("shop", "shop-pw-2")).isEqualTo(15);
        int shopPort = describe("shop").port();
        for (String c : List.of("at", "latest", "copy", "from-snap", "shop")) {
            assertThat(strata("cluster", "delete", c)).as(err).isZero();
        }
        assertThat(LiveServer.answers("127.0.0.1", shopPort)).isFalse();
        assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier).containsExactly("default");
    }

    @Test
    void strataApiFromTheEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.strata.cli.StrataCli", "cluster", "list", "--json")
                .redirectErrorStream(true);
        pb.environment().put("STRATA_API", server.apiUrl());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("\"DBClusterIdentifier\":\"default\"");
    }
}
