package io.strata.cli.run;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.StrataClient;
import io.strata.client.Times;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an ENV.yaml: resolves the restore point once (so parallel runs clone the same state), runs each clone's
 * {@link CloneRun} on its own thread, tears everything down even if stopped by a signal (a shutdown hook), prints
 * the timing table, and returns the exit code: 0 if every run passed, else the first failing run's code
 * (the tests' own, {@value RunResult#TIMEOUT} for a timeout, {@value RunResult#SETUP_FAILED} when strata run
 * itself failed).
 */
public final class EnvRunner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final RunSpec spec;
    private final Path file;
    private final StrataClient client;
    private final PrintStream out;
    private final PrintStream err;

    private EnvRunner(RunSpec spec, Path file, StrataClient client, PrintStream out, PrintStream err) {
        this.spec = spec;
        this.file = file;
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** Loads {@code file} and runs it; {@code apiOverride} (--api) wins over the file's api, then STRATA_API. */
    public static int run(Path file, String apiOverride, PrintStream out, PrintStream err) throws Exception {
        RunSpec spec;
        try {
            spec = RunSpec.load(file);
        } catch (IllegalArgumentException e) {
            err.println("strata run: " + e.getMessage());
            return RunResult.SETUP_FAILED;
        }
        String api = apiOverride != null ? apiOverride : spec.api() != null ? spec.api()
                : StrataClient.configuredApi().orElse(StrataClient.DEFAULT_API);
        return new EnvRunner(spec, file, StrataClient.create(api), out, err).run();
    }

    private int run() throws Exception {
        long start = System.nanoTime();
        Instant at;
        try {
            Cluster source = client.describeCluster(ClusterId.of(spec.source()));
            at = spec.at() == null || spec.at().equalsIgnoreCase("latest") ? source.latestRestorable()
                    : Times.parse(spec.at(), Instant.now());
        } catch (RuntimeException e) {
            err.println("strata run: " + e.getMessage());
            return RunResult.SETUP_FAILED;
        }
        int n = spec.parallelRuns();
        String stem = stem();
        Teardown teardown = new Teardown(client, spec.keepPolicy() == RunSpec.Keep.ALWAYS);
        Thread hook = new Thread(() -> teardown.onSignal(err), "strata-run-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.printf(Locale.ROOT, "strata run: %s: %d clone(s) of %s as of %s%n", file.getFileName(), n, spec.source(),
                spec.snapshot() != null ? "snapshot " + spec.snapshot() : at);
        List<RunResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "strata-run");
            t.setDaemon(true);
            return t;
        });
        try {
            Path base = file.toAbsolutePath().getParent();
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                ClusterId name = ClusterId.of(n == 1 ? stem : stem + "-" + i);
                futures.add(pool.submit(() -> new CloneRun(spec, base, client, teardown, at, out, err, n > 1).run(index, name)));
            }
            for (Future<RunResult> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running the teardown
            }
        }
        TimingTable.print(err, results, System.nanoTime() - start);
        for (RunResult r : results) {
            if (r.kept) {
                String[] hp = r.endpoint.split(":");
                err.printf(Locale.ROOT, "strata run: kept clone %s (keep: %s, for %s): mariadb -h%s -P%s -u%s -p%s;"
                                + " delete it with: strata cluster delete %s%n", r.clone,
                        spec.keep() == null ? "on-failure" : spec.keep(), spec.keepFor() == null ? "24h" : spec.keepFor(),
                        hp[0], hp[1], r.user, r.password, r.clone);
            }
        }
        err.flush();
        return results.stream().mapToInt(r -> r.exitCode).filter(c -> c != 0).findFirst().orElse(0);
    }

    /** The clone's name: run-SOURCE-RANDOM (a valid identifier of at most 63 characters). */
    private String stem() {
        String src = spec.source().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (src.length() > 40) {
            src = src.substring(0, 40).replaceAll("-+$", "");
        }
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return "run-" + src + "-" + HexFormat.of().formatHex(b);
    }
}
