package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata cluster describe NAME`: one DBCluster, every field. */
@Command(name = "describe", description = "Show one DB cluster: endpoint, status, restorable and backtrack times, ...")
final class ClusterDescribeCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Views.cluster(o, o.client(), name);
        return 0;
    }
}
