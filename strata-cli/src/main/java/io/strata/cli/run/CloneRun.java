package io.strata.cli.run;

import io.strata.client.CloneRequest;
import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.SnapshotId;
import io.strata.client.StrataClient;
import io.strata.client.Tags;
import io.strata.client.dump.DumpLoadException;
import io.strata.client.dump.DumpLoader;
import io.strata.client.dump.DumpReader;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of an ENV.yaml: make the clone, apply the schema changes, run the test command with the clone's
 * endpoint in its environment, tear the clone down (or keep it, as {@code keep} says). Every step is timed.
 */
final class CloneRun {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final RunSpec spec;
    private final Path baseDir;
    private final StrataClient client;
    private final Teardown teardown;
    private final Instant at;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean prefixOutput;

    CloneRun(RunSpec spec, Path baseDir, StrataClient client, Teardown teardown, Instant at, PrintStream out,
             PrintStream err, boolean prefixOutput) {
        this.spec = spec;
        this.baseDir = baseDir;
        this.client = client;
        this.teardown = teardown;
        this.at = at;
        this.out = out;
        this.err = err;
        this.prefixOutput = prefixOutput;
    }

    RunResult run(int index, ClusterId name) {
        RunResult r = new RunResult(index, name);
        r.password = password();
        Cluster clone = null;
        try {
            long t0 = System.nanoTime();
            teardown.add(name);
            clone = client.clone(request(name, r.password));
            r.steps.put("clone", System.nanoTime() - t0);
            r.endpoint = clone.endpoint().host() + ":" + clone.endpoint().port();
            r.user = clone.endpoint().user();
            t0 = System.nanoTime();
            r.schemaDetail = applySchema(clone, r.password);
            r.steps.put("schema", System.nanoTime() - t0);
        } catch (RuntimeException | SQLException | IOException e) {
            r.exitCode = RunResult.SETUP_FAILED;
            r.failure = (clone == null ? "cloning " + spec.source() + " failed: " : "the schema changes failed: ") + e.getMessage();
            err.println(prefix(index) + "strata run: " + r.failure);
        }
        if (r.failure == null && !teardown.stopping()) {
            long t0 = System.nanoTime();
            r.exitCode = test(index, clone, r.password);
            r.steps.put("tests", System.nanoTime() - t0);
        }
        long t0 = System.nanoTime();
        tearDown(r);
        r.steps.put("teardown", System.nanoTime() - t0);
        return r;
    }

    private CloneRequest request(ClusterId name, String password) {
        ClusterId source = ClusterId.of(spec.source());
        CloneRequest req = spec.snapshot() != null ? CloneRequest.fromSnapshot(SnapshotId.of(spec.snapshot()), name)
                : CloneRequest.at(source, at, name);
        return req.withMasterPassword(password).withTtl(spec.ttlValue()).withBacktrackWindow(spec.backtrackWindowDuration())
                .withTag("strata:run", spec.source());
    }

    private String database() {
        return spec.database() == null ? "" : spec.database();
    }

    /** Applies the SQL folder (files in name order, each through the dump reader) or the Flyway locations. */
    private String applySchema(Cluster c, String password) throws SQLException, IOException {
        if (spec.schema() == null) {
            return "";
        }
        String url = c.endpoint().jdbcUrl(database(), password) + "&allowMultiQueries=true";
        if (spec.schema().flyway() != null) {
            Flyway flyway = Flyway.configure().dataSource(url, c.endpoint().user(), password)
                    .locations(spec.schema().flyway().stream().map(this::flywayLocation).toArray(String[]::new))
                    .schemas(database().isEmpty() ? new String[0] : new String[] {database()})
                    .loggers("slf4j").load();
            MigrateResult m = flyway.migrate();
            return m.migrationsExecuted + " Flyway migration(s)";
        }
        Path dir = baseDir.resolve(spec.schema().sql());
        if (!Files.isDirectory(dir)) {
            throw new IOException("schema.sql: no folder " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".sql") || p.getFileName().toString().endsWith(".sql.gz"))
                    .sorted().toList();
        }
        try (Connection conn = DriverManager.getConnection(url)) {
            for (Path f : files) {
                try (DumpReader dump = DumpReader.open(f)) {
                    DumpLoader.on(conn).onError(DumpLoader.OnError.STOP).load(dump);
                } catch (DumpLoadException e) {
                    throw new SQLException(f.getFileName() + " line " + e.line() + ": ERROR " + e.getErrorCode() + " ("
                            + e.getSQLState() + "): " + e.serverMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
        return files.size() + " SQL file(s)";
    }

    /** "filesystem:" locations are relative to the ENV.yaml's folder; others are as given. */
    private String flywayLocation(String location) {
        if (location.startsWith("filesystem:")) {
            return "filesystem:" + baseDir.resolve(location.substring("filesystem:".length())).normalize();
        }
        return location.contains(":") ? location : "filesystem:" + baseDir.resolve(location).normalize();
    }

    private int test(int index, Cluster c, String password) {
        ProcessBuilder pb = new ProcessBuilder(spec.command());
        pb.directory(baseDir.resolve(spec.test().dir() == null ? "." : spec.test().dir()).toFile());
        Map<String, String> env = pb.environment();
        if (spec.test().env() != null) {
            env.putAll(spec.test().env());
        }
        env.put("STRATA_HOST", c.endpoint().host());
        env.put("STRATA_PORT", Integer.toString(c.endpoint().port()));
        env.put("STRATA_USER", c.endpoint().user());
        env.put("STRATA_PASSWORD", password);
        env.put("STRATA_DATABASE", database());
        env.put("STRATA_JDBC_URL", c.endpoint().jdbcUrl(database(), password));
        env.put("STRATA_RUN_INDEX", Integer.toString(index));
        env.put("STRATA_CLUSTER", c.id().value());
        env.put("STRATA_API", client.api().toString());
        if (prefixOutput) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.inheritIO();
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            err.println(prefix(index) + "strata run: cannot start the test command " + spec.command() + ": " + e.getMessage());
            return RunResult.SETUP_FAILED;
        }
        teardown.add(p);
        try {
            if (prefixOutput) {
                pump(p.getInputStream(), out, prefix(index));
                pump(p.getErrorStream(), err, prefix(index));
            }
            if (!p.waitFor(spec.timeoutDuration().toMillis(), TimeUnit.MILLISECONDS)) {
                err.println(prefix(index) + "strata run: the tests ran out of time (timeout " + spec.timeout()
                        + "); stopping them");
                ProcessTree.destroy(p, 5_000);
                return RunResult.TIMEOUT;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.destroy(p, 5_000);
            return 130;
        } finally {
            teardown.remove(p);
        }
    }

    private static void pump(InputStream in, PrintStream to, String prefix) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    to.println(prefix + line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "strata-run-output");
        t.setDaemon(true);
        t.start();
    }

    private String prefix(int index) {
        return prefixOutput ? "[run " + index + "] " : "";
    }

    /** Deletes the clone, or keeps it (failed run with keep: on-failure, or keep: always) for keepFor. */
    private void tearDown(RunResult r) {
        if (!teardown.take(r.clone)) {
            return;
        }
        RunSpec.Keep keep = spec.keepPolicy();
        boolean exists = client.findCluster(r.clone).isPresent();
        if (exists && (keep == RunSpec.Keep.ALWAYS || keep == RunSpec.Keep.ON_FAILURE && r.failed())) {
            if (spec.keepFor() != null && spec.keepFor().equalsIgnoreCase("forever")) {
                client.removeTags(r.clone, List.of(Tags.TTL));
            } else {
                client.addTags(r.clone, Map.of(Tags.TTL, spec.keepFor() == null ? "24h" : spec.keepFor()));
            }
            r.kept = true;
            return;
        }
        try {
            client.deleteClusterIfExists(r.clone);
        } catch (RuntimeException e) {
            err.println(prefix(r.index) + "strata run: could not delete clone " + r.clone + " (" + e.getMessage()
                    + "); its time-to-live will, or: strata cluster delete " + r.clone);
        }
    }

    private static String password() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "r" + HexFormat.of().formatHex(b);
    }
}
