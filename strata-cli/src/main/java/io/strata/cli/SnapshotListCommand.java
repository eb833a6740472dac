package io.strata.cli;

import io.strata.client.ClusterId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** `strata snapshot list [--cluster NAME]`: DescribeDBClusterSnapshots. */
@Command(name = "list", description = "List snapshots, of every cluster or of one.")
final class SnapshotListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Option(names = "--cluster", paramLabel = "NAME")
    String cluster;

    @Override
    public Integer call() {
        Views.snapshots(o, o.client().snapshots(cluster == null ? null : ClusterId.of(cluster)));
        return 0;
    }
}
