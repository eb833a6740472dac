package io.strata.cli;

import io.strata.client.ClusterId;
import io.strata.client.SnapshotId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata snapshot create CLUSTER SNAPSHOT`: CreateDBClusterSnapshot. */
@Command(name = "create", description = "Snapshot a cluster's current state under a name.")
final class SnapshotCreateCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Parameters(index = "1", paramLabel = "SNAPSHOT")
    String snapshot;

    @Override
    public Integer call() {
        Views.shape(o, o.client().createSnapshot(ClusterId.of(cluster), SnapshotId.of(snapshot)).shape());
        return 0;
    }
}
