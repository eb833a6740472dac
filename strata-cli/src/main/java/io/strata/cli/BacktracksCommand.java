package io.strata.cli;

import io.strata.client.ClusterId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata backtracks NAME`: DescribeDBClusterBacktracks, newest first. */
@Command(name = "backtracks", description = "List a cluster's backtracks, newest first.")
final class BacktracksCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Views.backtracks(o, o.client().backtracks(ClusterId.of(name)));
        return 0;
    }
}
