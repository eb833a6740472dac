package io.strata.cli;

import io.strata.client.Times;

import io.strata.client.Backtrack;
import io.strata.client.ClusterId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;

/** `strata backtrack NAME --to TIME`: BacktrackDBCluster (closes connections, rewinds in place, reopens). */
@Command(name = "backtrack", description = "Rewind a cluster in place to a time (or forward again to a later one).")
final class BacktrackCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "ISO-8601 or relative (-5m).")
    String to;

    @Option(names = "--earliest-if-unavailable", description = "Go to the earliest backtrack time if TIME is before it.")
    boolean earliest;

    @Override
    public Integer call() {
        Backtrack b = o.client().backtrack(ClusterId.of(name), Times.parse(to, Instant.now()), earliest);
        Views.shape(o, b.shape());
        return 0;
    }
}
