package io.strata.api;

import io.strata.cli.StrataCli;
import io.strata.control.ControlPlaneOptions;
import io.strata.control.testing.Probe;
import io.strata.storage.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The `strata` verbs (StrataCli.run) against a live ApiServer. */
class CliTest {
    @TempDir
    Path dir;
    LiveApi api;
    String out;
    String err;

    @BeforeEach
    void start() throws Exception {
        api = new LiveApi(dir, ControlPlaneOptions.defaults());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    int strata(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.equals("--api")) && !all.get(0).startsWith("-")) {
            all.add("--api");
            all.add(api.server.url());
        }
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

    static Instant between() throws InterruptedException {
        Thread.sleep(40);
        Instant t = Instant.now();
        Thread.sleep(40);
        return t;
    }

    @Test
    void clusterCloneBacktrackAndSnapshotVerbs() throws Exception {
        assertThat(strata("cluster", "create", "prod", "--master-password", "secret-pw1")).isZero();
        assertThat(out).contains("DBClusterIdentifier: prod").contains("Status: available");
        int prodPort = api.cp.describeClusters("prod").get(0).record().port();
        assertThat(Probe.answers(prodPort)).isTrue();
        Volume prod = api.cp.volumeOf("prod");
        Probe.put(prod, 0, "one");
        Instant between = between();
        Probe.put(prod, 1, "two");

        assertThat(strata("clone", "prod", "dev", "--at", between.toString())).as(err).isZero();
        Volume dev = api.cp.volumeOf("dev");
        assertThat(Probe.get(dev, 0)).isEqualTo("one");
        assertThat(Probe.get(dev, 1)).isEmpty();
        assertThat(Probe.answers(api.cp.describeClusters("dev").get(0).record().port())).isTrue();

        assertThat(strata("cluster", "list")).isZero();
        assertThat(out).startsWith("NAME").contains("prod").contains("dev").contains("127.0.0.1:" + prodPort);
        assertThat(strata("cluster", "describe", "dev", "--json")).isZero();
        assertThat(out.trim()).startsWith("{").contains("\"DBClusterIdentifier\":\"dev\"")
                .contains("\"Port\":").contains("\"DBClusterMembers\":[{");

        Instant beforeWrite = between();
        Probe.put(dev, 2, "dev-write");
        assertThat(strata("backtrack", "dev", "--to", beforeWrite.toString())).as(err).isZero();
        assertThat(out).contains("Status: completed");
        assertThat(Probe.get(dev, 2)).isEmpty();
        String earliest = api.rds().describeDBClusters(b -> b.dbClusterIdentifier("dev")).dbClusters().get(0)
                .earliestBacktrackTime().toString();
        assertThat(strata("backtrack", "dev", "--to", "-10m", "--earliest-if-unavailable", "--json")).as(err).isZero();
        assertThat(out).contains("\"BacktrackTo\":\"" + earliest + "\"").contains("\"Status\":\"completed\"");
        assertThat(Probe.get(dev, 0)).as("the clone as created").isEqualTo("one");
        assertThat(strata("backtracks", "dev")).isZero();
        assertThat(out).contains("BACKTRACK_TO").contains("completed").contains(earliest).contains(beforeWrite.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        assertThat(out.lines().count()).isEqualTo(3);

        assertThat(strata("snapshot", "create", "prod", "s1")).isZero();
        assertThat(strata("snapshot", "list", "--json")).isZero();
        assertThat(out).contains("\"DBClusterSnapshots\":[{").contains("\"DBClusterSnapshotIdentifier\":\"s1\"");
        assertThat(strata("snapshot", "restore", "s1", "back")).isZero();
        assertThat(Probe.get(api.cp.volumeOf("back"), 1)).isEqualTo("two");
        assertThat(strata("snapshot", "delete", "s1")).isZero();

        assertThat(strata("cluster", "modify", "prod", "--backtrack-window", "1h", "--deletion-protection")).isZero();
        assertThat(out).contains("BacktrackWindow: 3600").contains("DeletionProtection: true");
        api.cp.createInstance(new io.strata.control.NewInstance("prod-2", "prod", null, null));
        assertThat(strata("cluster", "delete", "prod")).isEqualTo(1);
        assertThat(err).contains("deletion protection").contains("nothing was deleted")
                .contains("strata cluster modify prod --no-deletion-protection");
        assertThat(Probe.answers(prodPort)).as("a refused delete leaves the endpoint serving").isTrue();
        assertThat(api.cp.describeInstances(null, "prod")).hasSize(2);
        assertThat(strata("cluster", "modify", "prod", "--no-deletion-protection")).isZero();
        for (String c : new String[] {"dev", "back", "prod"}) {
            assertThat(strata("cluster", "delete", c)).as(err).isZero();
        }
        assertThat(Probe.answers(prodPort)).isFalse();
        assertThat(strata("cluster", "list")).isZero();
        assertThat(out.lines().count()).isEqualTo(1);
    }

    @Test
    void ttlOnCloneIsShownAndBadValuesAreRefused() {
        assertThat(strata("cluster", "create", "prod", "--master-password", "secret-pw1")).isZero();
        assertThat(strata("clone", "prod", "dev", "--ttl", "30m")).as(err).isZero();
        assertThat(out).contains("TagList:").contains("  strata:ttl: 30m").contains("  strata:expires-at: ");
        assertThat(strata("cluster", "describe", "dev", "--json")).isZero();
        assertThat(out).contains("\"TagList\":[{\"Key\":\"strata:ttl\",\"Value\":\"30m\"},{\"Key\":\"strata:expires-at\"");
        assertThat(strata("cluster", "list")).isZero();
        assertThat(out.lines().toList().get(0)).endsWith("EXPIRES");
        assertThat(out).containsPattern("dev .* 20\\d\\d-\\d\\d-\\d\\dT");
        assertThat(strata("clone", "prod", "bad", "--ttl", "soon")).isEqualTo(1);
        assertThat(err).startsWith("strata: Invalid value 'soon' for tag strata:ttl").contains("(InvalidParameterValue)");
        assertThat(api.cp.describeClusters(null)).hasSize(2);
    }

    @Test
    void errorsAreOneLineAndNonZero() {
        assertThat(strata("cluster", "describe", "nope")).isEqualTo(1);
        assertThat(err.trim()).startsWith("strata: ").contains("DBClusterNotFoundFault").doesNotContain("\n");
        assertThat(strata("cluster", "list", "--api", "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err).contains("cannot reach the Strata API").contains("STRATA_API");
        assertThat(strata("backtrack", "x", "--to", "yesterday")).isEqualTo(1);
        assertThat(err).contains("cannot read the time 'yesterday'");
        assertThat(strata("clone", "a", "b", "--at", "-5m", "--latest")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("strata: Error: --at=TIME, --latest are mutually exclusive (specify only one)"
                + " (see strata clone --help)");
        assertThat(strata("clone", "a", "b", "--foo")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("strata: Unknown option: '--foo' (see strata clone --help)");
        assertThat(strata("cluster", "create")).isEqualTo(2);
        assertThat(err.strip()).startsWith("strata: Missing required").endsWith("(see strata cluster create --help)")
                .doesNotContain("\n");
    }

    /** Every usage error points at VERB --help, so every verb answers it (picocli's help options, inherited). */
    @Test
    void everyVerbHasHelp() {
        for (String[] verb : new String[][] {{"clone"}, {"cluster", "create"}, {"cluster"}, {"backtrack"}, {"import"},
                {"generate"}, {"run"}, {"snapshot", "restore"}, {"server"}, {"connect"}}) {
            String[] args = java.util.Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            assertThat(strata(args)).as(String.join(" ", args) + ": " + err).isZero();
            assertThat(out).startsWith("Usage: strata " + String.join(" ", verb));
        }
    }

    @Test
    void apiOptionsWorkBeforeTheVerb() {
        assertThat(strata("--api", api.server.url(), "cluster", "create", "prod", "--master-password", "secret-pw1")).as(err).isZero();
        assertThat(strata("--api", api.server.url(), "--json", "cluster", "list")).as(err).isZero();
        assertThat(out.strip()).startsWith("{\"DBClusters\":[{").contains("\"DBClusterIdentifier\":\"prod\"")
                .contains("\"BacktrackWindow\":86400").contains("\"DeletionProtection\":false");
        assertThat(strata("--api", "http://127.0.0.1:1", "cluster", "list")).isEqualTo(1);
        assertThat(err).contains("cannot reach the Strata API at http://127.0.0.1:1");
    }

    @Test
    void aCloneWithABadPasswordIsNeverMade() {
        assertThat(strata("cluster", "create", "prod", "--master-password", "secret-pw1")).isZero();
        assertThat(strata("clone", "prod", "dev", "--master-password", "short")).isEqualTo(1);
        assertThat(err.strip()).startsWith("strata: --master-password: The parameter MasterUserPassword is not a valid"
                + " password").endsWith("Nothing was created.");
        assertThat(api.cp.describeClusters(null)).extracting(c -> c.record().id()).containsExactly("prod");
        assertThat(strata("clone", "prod", "dev", "--master-password", "dev-secret-1")).as(err).isZero();
        assertThat(api.cp.describeClusters("dev").get(0).record().masterPassword()).isEqualTo("dev-secret-1");
    }

    @Test
    void fullCopyCloneWaitsForTheCopyAndShowsProgress() {
        assertThat(strata("cluster", "create", "prod", "--master-password", "secret-pw1", "--no-instance")).isZero();
        Volume prod = api.cp.volumeOf("prod");
        for (int i = 0; i < 100; i++) {
            Probe.put(prod, i * 64, "row-" + i);
        }
        assertThat(strata("clone", "prod", "copy", "--full-copy", "--no-instance")).as(err).isZero();
        assertThat(err).contains("copying copy [").contains("] 100%");
        assertThat(out).contains("Status: available");
        assertThat(Probe.get(api.cp.volumeOf("copy"), 99 * 64)).isEqualTo("row-99");
    }
}
