package io.strata.it;

import io.strata.cli.StrataCli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The `strata` CLI run in this JVM (StrataCli.run) against one API, with its stdout and stderr captured. */
final class Cli {
    record Result(int exitCode, String out, String err) {
    }

    private final String apiUrl;

    Cli(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** Runs {@code strata VERB ... --api URL}; System.out and System.err are swapped, so one call at a time. */
    synchronized Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--api");
        all.add(apiUrl);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = StrataCli.run(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
