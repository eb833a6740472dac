package io.strata.cli;

import io.strata.cli.run.EnvRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * `strata run ENV.yaml`: a disposable test environment in one command. Clones the source (or several, with
 * parallel), applies the schema changes, runs the test command with the clone's endpoint in its environment
 * (STRATA_HOST, STRATA_PORT, STRATA_USER, STRATA_PASSWORD, STRATA_JDBC_URL, STRATA_DATABASE, STRATA_RUN_INDEX,
 * STRATA_CLUSTER, STRATA_API), tears the clone down whatever happens (Ctrl-C and SIGTERM included; every clone
 * also carries a time-to-live, so even kill -9 of strata run leaks nothing), prints a timing table and exits with
 * the tests' exit code: 124 if they timed out, 125 if strata run itself failed (ENV.yaml, clone, schema change).
 */
@Command(name = "run", description = "Clone, apply schema changes, run the tests against the clone, tear down (ENV.yaml).")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ENV.yaml", description = "The environment file (see docs/testing.md).")
    Path file;

    @Option(names = "--api", paramLabel = "URL", description = "The Strata API (default: the file's api, else $STRATA_API, else "
            + ApiOptions.DEFAULT_API + ").")
    String api;

    @Override
    public Integer call() throws Exception {
        return EnvRunner.run(file, api, System.out, System.err);
    }
}
