package io.strata.cli.run;

import io.strata.client.ClusterId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one run went: its clone, the time of each step (clone, schema, tests, teardown) in nanoseconds, and its
 * exit code: the tests', or {@link #TIMEOUT} when they ran out of time, or {@link #SETUP_FAILED} when the clone
 * or a schema change failed.
 */
final class RunResult {
    /** As timeout(1): the tests were stopped at the time limit. */
    static final int TIMEOUT = 124;
    /** strata run itself failed (the ENV.yaml, the clone or a schema change): the tests did not run. */
    static final int SETUP_FAILED = 125;

    final int index;
    final ClusterId clone;
    final Map<String, Long> steps = new LinkedHashMap<>();
    int exitCode;
    String failure;
    String schemaDetail = "";
    boolean kept;
    String password;
    String endpoint;
    String user;

    RunResult(int index, ClusterId clone) {
        this.index = index;
        this.clone = clone;
    }

    boolean failed() {
        return exitCode != 0;
    }
}
