package io.strata.cli;

import io.strata.client.ClusterId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata cluster describe NAME`: one DBCluster, every field. */
@Command(name = "describe", description = "Show one DB cluster: endpoint, status, restorable and backtrack times, tags and expiry, ...")
final class ClusterDescribeCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Views.shape(o, o.client().describeCluster(ClusterId.of(name)).shape());
        return 0;
    }
}
