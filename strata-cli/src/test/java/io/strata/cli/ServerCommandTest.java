package io.strata.cli;

import io.strata.server.StrataServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `strata server`'s settings: what is refused before anything is created (each a one-line error, exit 1), its
 * loopback defaults, the API keys it reads, and the lines it prints, with the default cluster's real password.
 */
class ServerCommandTest {
    @TempDir
    Path dir;

    /** Runs the CLI in this JVM; returns {exit code, stderr}. */
    static Object[] run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = StrataCli.run(args);
        } finally {
            System.setErr(oldErr);
        }
        return new Object[] {code, e.toString(StandardCharsets.UTF_8).strip()};
    }

    String refused(String... flags) {
        Path data = dir.resolve("never");
        String[] args = new String[flags.length + 3];
        args[0] = "server";
        args[1] = "--data-dir";
        args[2] = data.toString();
        System.arraycopy(flags, 0, args, 3, flags.length);
        Object[] r = run(args);
        assertThat(r[0]).as((String) r[1]).isEqualTo(1);
        assertThat((String) r[1]).startsWith("strata: ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(data).as("nothing created").doesNotExist();
        return (String) r[1];
    }

    @Test
    void settingsThatCannotWorkAreRefusedBeforeAnythingIsWritten() {
        assertThat(refused("--bind", "0.0.0.0", "--api-port", "0")).contains("refusing to bind 0.0.0.0 with the local test/test")
                .contains("--api-key-file").contains("STRATA_API_ACCESS_KEY");
        assertThat(refused("--port-range", "3307-x")).isEqualTo("strata: --port-range '3307-x' is not FIRST-LAST:"
                + " write e.g. 3307-3999 (or 0 for any free port)");
        assertThat(refused("--port-range", "4000-3999")).contains("FIRST <= LAST");
        assertThat(refused("--port-range", "3307-70000")).contains("ports must be 1-65535");
        assertThat(refused("--max-clones-per-source", "0")).contains("give 1 or more");
        assertThat(refused("--tls-cert", dir.resolve("c.pem").toString())).contains("--tls-cert and --tls-key together");
        assertThat(refused("--tls-cert", dir.resolve("c.pem").toString(), "--tls-key", dir.resolve("k.pem").toString()))
                .contains("cannot read the TLS file");
        assertThat(refused("--api-key-file", dir.resolve("none").toString())).contains("cannot read --api-key-file");
        assertThat(refused("--instance-class", "db.huge")).contains("Invalid DBInstanceClass db.huge");
    }

    @Test
    void theDefaultClusterGetsTheInstanceClassAsked() throws Exception {
        try (StrataServer s = StrataServer.start(new StrataServer.Settings(dir.resolve("data"), "127.0.0.1", 0, 0, 0,
                "default", "root", "first-password", 0).withDefaultInstanceClass("db.strata.256m"))) {
            assertThat(s.controlPlane().describeInstances(null, null)).singleElement()
                    .satisfies(i -> assertThat(i.cacheSizeMb()).isEqualTo(256));
        }
    }

    @Test
    void apiKeysComeFromAFileOrTheEnvironmentAndAreNeverPrinted() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# operators\nAKIDONE secret-one\n\nAKIDTWO   secret-two\n");
        ServerSettings.Keys k = ServerSettings.apiKeys(file, Map.of("STRATA_API_ACCESS_KEY", "AKIDENV",
                "STRATA_API_SECRET_KEY", "secret-env"));
        assertThat(k.keys()).containsExactly(Map.entry("AKIDONE", "secret-one"), Map.entry("AKIDTWO", "secret-two"),
                Map.entry("AKIDENV", "secret-env"));
        assertThat(k.description()).contains("AKIDONE, AKIDTWO from " + file).contains("AKIDENV from STRATA_API_ACCESS_KEY")
                .doesNotContain("secret");
        assertThat(ServerSettings.apiKeys(null, Map.of()).keys()).isEmpty();
        Files.writeString(file, "AKIDONLY\n");
        assertThatThrownBy(() -> ServerSettings.apiKeys(file, Map.of())).hasMessageContaining("line 1");
        assertThat(ServerSettings.portRange("3307-3999")).containsExactly(3307, 3999);
        assertThat(ServerSettings.portRange("0")).containsExactly(0, 65535);
    }

    @Test
    void printsTheDefaultsAndTheDefaultClustersRealPassword() throws Exception {
        Path data = dir.resolve("data");
        ServerCommand first = new ServerCommand();
        first.dataDir = data;
        first.masterPassword = "first-password";
        first.masterUser = "root";
        String printed;
        try (StrataServer s = StrataServer.start(new StrataServer.Settings(data, "127.0.0.1", 0, 0, 0, "default",
                "root", "first-password", 0))) {
            printed = print(first, s);
        }
        assertThat(printed).contains("strata: data directory " + data.toAbsolutePath())
                .containsPattern("strata: RDS API http://127\\.0\\.0\\.1:\\d+ \\(access key test, secret key test; region us-east-1\\)")
                .containsPattern("strata: cluster default: MySQL on 127\\.0\\.0\\.1:\\d+, user root")
                .contains("-pfirst-password").contains("(self-signed)").endsWith("strata: ready")
                .doesNotContain("already existed");

        ServerCommand second = new ServerCommand();
        second.dataDir = data;
        second.masterPassword = "second-password";
        second.masterUser = "root";
        try (StrataServer s = StrataServer.start(new StrataServer.Settings(data, "127.0.0.1", 0, 0, 0, "default",
                "root", "second-password", 0))) {
            printed = print(second, s);
        }
        assertThat(printed).as("the cluster kept its password").contains("-pfirst-password").doesNotContain("second-password")
                .contains("cluster default already existed: it keeps its own master user and password");
    }

    private static String print(ServerCommand cmd, StrataServer s) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        cmd.printReady(new PrintStream(o, true, StandardCharsets.UTF_8), s, ServerSettings.apiKeys(null, Map.of()));
        return o.toString(StandardCharsets.UTF_8).strip();
    }
}
