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
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `strata connect NAME`: the cluster's endpoint looked up through the API, as a JDBC URL or a mariadb session. */
class ConnectCommandTest {
    @TempDir
    static Path dir;
    static LiveServer server;
    static RdsClient rds;
    static DBCluster dev;
    String out;
    String err;

    @BeforeAll
    static void start() throws Exception {
        server = LiveServer.start(dir);
        rds = server.rds();
        dev = rds.createDBCluster(b -> b.dbClusterIdentifier("dev").engine("aurora-mysql").masterUsername(LiveServer.USER)
                .masterUserPassword(LiveServer.PASSWORD)).dbCluster();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("dev-1").dbClusterIdentifier("dev").engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        try (Connection c = LiveServer.connect(dev, "")) {
            Sql.exec(c, "CREATE DATABASE app", Sql.ITEMS);
            Sql.insertBatch(c, 1, 42, "first");
        }
        rds.createDBCluster(b -> b.dbClusterIdentifier("bare").engine("aurora-mysql").masterUsername(LiveServer.USER)
                .masterUserPassword(LiveServer.PASSWORD));
    }

    @AfterAll
    static void stop() {
        rds.close();
        server.close();
    }

    int strata(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--api");
        all.add(2, server.apiUrl());
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
            out = o.toString(StandardCharsets.UTF_8).trim();
            err = e.toString(StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void jdbcUrlConnectsToTheCluster() throws Exception {
        assertThat(strata("connect", "dev", "--jdbc", "--database", "app", "--password", LiveServer.PASSWORD)).as(err).isZero();
        assertThat(out).startsWith("jdbc:mysql://" + dev.endpoint() + ":" + dev.port() + "/app?user=" + LiveServer.USER);
        try (Connection c = DriverManager.getConnection(out)) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM items")).isEqualTo(42);
        }
    }

    @Test
    void jdbcUrlWithoutPasswordLeavesItOut() throws Exception {
        assertThat(strata("connect", "DEV", "--jdbc")).as(err).isZero();
        assertThat(out).doesNotContain("password").contains(":" + dev.port() + "/?user=" + LiveServer.USER);
        try (Connection c = DriverManager.getConnection(out, LiveServer.USER, LiveServer.PASSWORD)) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM app.items")).isEqualTo(42);
        }
    }

    @Test
    void unknownClusterOrNoInstanceIsAClearError() {
        assertThat(strata("connect", "nope", "--jdbc")).isEqualTo(1);
        assertThat(err).contains("DBClusterNotFoundFault").contains("nope");
        assertThat(strata("connect", "bare", "--jdbc")).isEqualTo(1);
        assertThat(err).contains("has no instance").contains("CreateDBInstance");
    }

    /** The client path, run as a user runs it: `strata connect` in its own JVM, the client on its terminal. */
    @Test
    void runsTheMariadbClientOnTheEndpoint() throws Exception {
        MariadbClient.require();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.strata.cli.StrataCli", "connect", "dev",
                "--api", server.apiUrl(), "--password", LiveServer.PASSWORD, "--database", "app",
                "--", "--batch", "-e", "SELECT COUNT(*) AS n FROM items").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).containsSubsequence("n", "42");
    }
}
