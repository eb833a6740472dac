package io.strata.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `strata run ENV.yaml` as CI runs it (a child JVM) against `strata server` (another child JVM): passing tests
 * with the endpoint in their environment and the schema change applied; a failing test (its exit code, the
 * clone removed, or kept on failure); a timeout (124); the test command killed; SIGTERM to strata run itself;
 * kill -9 of strata run (the clone's time-to-live removes it); parallel runs; bad input. One server for all.
 */
class RunCommandTest {
    static final String PASSWORD = "prod-secret-1";
    static Path dir;
    static StrataServerProcess server;
    static Cli strata;

    @BeforeAll
    static void start() throws Exception {
        MariadbClient.require();
        dir = Files.createTempDirectory("strata-run-");
        server = StrataServerProcess.start(dir.resolve("data"), StrataServerProcess.freePort(), StrataServerProcess.freePort(),
                StrataServerProcess.freePort());
        strata = new Cli(server.apiUrl());
        assertThat(strata.run("cluster", "create", "prod", "--master-password", PASSWORD).exitCode()).isZero();
        Path seed = dir.resolve("seed.sql");
        Files.writeString(seed, "CREATE DATABASE app;\nUSE app;\nCREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20));\n"
                + "INSERT INTO item VALUES (1, 'one'), (2, 'two');\n");
        Cli.Result r = strata.run("import", "prod", seed.toString(), "--password", PASSWORD);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Files.createDirectories(dir.resolve("changes"));
        Files.writeString(dir.resolve("changes/001_add_note.sql"), "ALTER TABLE item ADD COLUMN note VARCHAR(40);\n");
        Files.writeString(dir.resolve("changes/002_fill_note.sql"), "UPDATE item SET note = CONCAT('note ', id);\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Path yaml(String name, String body) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, "source: prod\ndatabase: app\nschema:\n  sql: changes\n" + body);
        return f;
    }

    /** The clusters other than prod and the default: what strata run has left behind. */
    static List<String> leftovers() {
        Cli.Result r = strata.run("cluster", "list");
        return r.out().lines().skip(1).map(l -> l.split("\\s+")[0]).filter(n -> !n.equals("prod") && !n.equals("default")).toList();
    }

    static String mariadb(String sql) {
        return "mariadb -h$STRATA_HOST -P$STRATA_PORT -u$STRATA_USER -p$STRATA_PASSWORD $STRATA_DATABASE --batch -e \"" + sql + "\"";
    }

    @Test
    void passingTestsSeeTheCloneWithTheSchemaChangeAndTheCloneIsRemoved() throws Exception {
        Path f = yaml("pass", "test:\n  command: |\n"
                + "    echo \"env $STRATA_HOST $STRATA_PORT $STRATA_USER $STRATA_DATABASE $STRATA_RUN_INDEX $STRATA_CLUSTER\"\n"
                + "    echo \"url $STRATA_JDBC_URL\"\n"
                + "    " + mariadb("SELECT id, note FROM item ORDER BY id") + "\n"
                + "    " + mariadb("INSERT INTO item VALUES (3, 'three', 'clone only')") + "\n"
                + "timeout: 2m\n");
        StrataRunProcess.Result r = StrataRunProcess.run(f, server.apiUrl());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("env 127\\.0\\.0\\.1 \\d+ admin app 0 run-prod-[0-9a-f]{6}")
                .containsPattern("url jdbc:mysql://127\\.0\\.0\\.1:\\d+/app\\?user=admin&password=r[0-9a-f]+")
                .contains("1\tnote 1").contains("2\tnote 2");
        assertThat(r.err()).contains("1 clone(s) of prod").containsPattern("clone +\\d+ ms")
                .containsPattern("schema +\\d+ ms \\(2 SQL file\\(s\\)\\)").containsPattern("tests +\\d+ ms \\(exit 0\\)")
                .containsPattern("teardown +\\d+ ms").contains("passed, clone deleted").contains("total ");
        assertThat(leftovers()).isEmpty();
        try (Connection c = Clusters.connect(strata, "prod", "app", PASSWORD)) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM item")).as("the source is untouched").isEqualTo(2);
        }
    }

    @Test
    void aFailingTestGivesItsExitCodeAndTheCloneIsRemovedOrKeptOnFailure() throws Exception {
        StrataRunProcess.Result r = StrataRunProcess.run(yaml("fail", "test:\n  command: [sh, -c, \"echo failing; exit 3\"]\nkeep: never\n"),
                server.apiUrl());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).contains("(exit 3)").contains("failed, clone deleted");
        assertThat(leftovers()).isEmpty();

        r = StrataRunProcess.run(yaml("keep", "test:\n  command: exit 4\nkeep: on-failure\nkeepFor: 10m\n"), server.apiUrl());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("failed, clone kept").contains("kept clone run-prod-").contains("for 10m")
                .contains("strata cluster delete run-prod-");
        List<String> kept = leftovers();
        assertThat(kept).hasSize(1);
        Cli.Result d = strata.run("cluster", "describe", kept.get(0));
        assertThat(d.out()).contains("strata:ttl: 10m").contains("strata:expires-at:");
        assertThat(strata.run("cluster", "delete", kept.get(0)).exitCode()).isZero();
    }

    @Test
    void aTimeoutStopsTheTestsWithExitCode124() throws Exception {
        Path pid = dir.resolve("timeout.pid");
        StrataRunProcess.Result r = StrataRunProcess.run(yaml("timeout", "test:\n  command: echo $$ > " + pid
                + "; sleep 120\ntimeout: 3s\nkeep: never\n"), server.apiUrl());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(124);
        assertThat(r.err()).contains("ran out of time").contains("(timeout)").contains("timed out, clone deleted");
        assertThat(alive(pid)).as("the test command is stopped").isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aKilledTestCommandFailsTheRunAndTheCloneIsRemoved() throws Exception {
        StrataRunProcess.Result r = StrataRunProcess.run(yaml("killed", "test:\n  command: kill -9 $$\nkeep: never\n"), server.apiUrl());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(137);
        assertThat(r.err()).contains("(exit 137)").contains("failed, clone deleted");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void sigtermToStrataRunStopsTheTestsAndRemovesTheClone() throws Exception {
        Path pid = dir.resolve("sigterm.pid");
        StrataRunProcess p = StrataRunProcess.start(yaml("sigterm", "test:\n  command: echo $$ > " + pid + "; sleep 120\n"),
                server.apiUrl());
        StrataRunProcess.awaitFile(pid, 60);
        assertThat(leftovers()).hasSize(1);
        p.process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)
        StrataRunProcess.Result r = p.await(60);
        assertThat(r.exitCode()).isEqualTo(143);
        assertThat(r.err()).contains("stopped; ending the tests and tearing down").contains("deleted clone run-prod-");
        assertThat(alive(pid)).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void killMinus9OfStrataRunLeavesACloneThatItsTtlRemoves() throws Exception {
        Path pid = dir.resolve("kill9.pid");
        StrataRunProcess p = StrataRunProcess.start(yaml("kill9", "test:\n  command: echo $$ > " + pid + "; sleep 120\nttl: 4s\n"),
                server.apiUrl());
        StrataRunProcess.awaitFile(pid, 60);
        p.process.destroyForcibly();
        p.process.waitFor(30, TimeUnit.SECONDS);
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!leftovers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(leftovers()).as("the strata:ttl of 4s has removed the clone").isEmpty();
    }

    @Test
    void parallelRunsEachGetTheirOwnClone() throws Exception {
        StrataRunProcess.Result r = StrataRunProcess.run(yaml("parallel", "parallel: 3\ntest:\n  command: |\n"
                + "    " + mariadb("INSERT INTO item VALUES (10 + $STRATA_RUN_INDEX, 'run', 'x')") + "\n"
                + "    " + mariadb("SELECT CONCAT('rows=', COUNT(*)) FROM item") + "\n"
                + "    echo \"index=$STRATA_RUN_INDEX cluster=$STRATA_CLUSTER\"\n"), server.apiUrl());
        assertThat(r.exitCode()).as(r.all()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(r.out()).contains("[run " + i + "] rows=3").containsPattern("\\[run " + i + "] index=" + i
                    + " cluster=run-prod-[0-9a-f]{6}-" + i);
        }
        assertThat(r.err()).contains("3 clone(s) of prod");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void badInputIsExitCode125WithAClearMessage() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "source: prod\ntest:\n  command: true\ntimout: 5m\n");
        StrataRunProcess.Result r = StrataRunProcess.run(f, server.apiUrl());
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err()).contains("line 4: unknown field 'timout'");

        Files.writeString(f, "source: prod\nbacktrack: -1h\ntest:\n  command: true\n");
        r = StrataRunProcess.run(f, server.apiUrl());
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err()).contains("line 2: 'backtrack': a clone cannot be backtracked to before it was made")
                .contains("at: TIME");

        Files.writeString(f, "source: nope\ntest:\n  command: true\n");
        r = StrataRunProcess.run(f, server.apiUrl());
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err()).contains("DBCluster nope not found");

        Files.writeString(dir.resolve("broken-changes.yaml"), "source: prod\ndatabase: app\nschema:\n  sql: broken\ntest:\n  command: true\n");
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/001.sql"), "ALTER TABLE item ADD COLUMN x INT;\nALTER TABLE nope ADD COLUMN y INT;\n");
        r = StrataRunProcess.run(dir.resolve("broken-changes.yaml"), server.apiUrl());
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err()).contains("the schema changes failed: 001.sql line 2: ERROR 1146").contains("setup failed");
        assertThat(leftovers()).as("kept on failure by default").hasSize(1);
        strata.run("cluster", "delete", leftovers().get(0));
    }

    /** The example application's own tests, run by `strata run` on examples/bookshop/ENV.yaml. */
    @Test
    void theExampleRunsThroughStrataRun() throws Exception {
        Path example = Path.of("..", "examples", "bookshop").toAbsolutePath().normalize();
        assertThat(example.resolve("target/test-classpath.txt")).as("the example is built first").exists();
        Cli.Result c = strata.run("cluster", "create", "bookshop", "--master-password", PASSWORD);
        assertThat(c.exitCode()).as(c.err()).isZero();
        c = strata.run("import", "bookshop", example.resolve("src/test/resources/seed/bookshop.sql").toString(),
                "--password", PASSWORD);
        assertThat(c.exitCode()).as(c.err()).isZero();
        StrataRunProcess.Result r = StrataRunProcess.run(example.resolve("ENV.yaml"), server.apiUrl());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("6 passed, 0 failed");
        assertThat(r.err()).contains("(1 SQL file(s))").contains("passed, clone deleted");
        Optional<String> junk = strata.run("cluster", "list").out().lines().filter(l -> l.startsWith("junit-") || l.startsWith("run-"))
                .findFirst();
        assertThat(junk).as("no clone left by the run or by the extension").isEmpty();
        try (Connection conn = Clusters.connect(strata, "bookshop", "bookshop", PASSWORD)) {
            assertThat(Sql.count(conn, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'book'"
                    + " AND column_name = 'stock'")).as("the schema change went to the clone only").isZero();
        }
    }

    static boolean alive(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.isPresent() && h.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return h.isPresent() && h.get().isAlive();
    }
}
