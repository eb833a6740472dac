package io.strata.cli;

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
        ApiNode result = o.client().call("CreateDBClusterSnapshot", "DBClusterIdentifier", cluster,
                "DBClusterSnapshotIdentifier", snapshot);
        Views.shape(o, result.child("DBClusterSnapshot").orElse(result));
        return 0;
    }
}
