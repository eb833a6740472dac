package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** `strata cluster list`: DescribeDBClusters as a table. */
@Command(name = "list", description = "List the DB clusters.")
final class ClusterListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Override
    public Integer call() {
        Views.clusters(o, o.client().describeClusters());
        return 0;
    }
}
