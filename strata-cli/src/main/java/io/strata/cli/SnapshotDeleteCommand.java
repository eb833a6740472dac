package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata snapshot delete SNAPSHOT`: DeleteDBClusterSnapshot. */
@Command(name = "delete", description = "Delete a snapshot.")
final class SnapshotDeleteCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "SNAPSHOT")
    String snapshot;

    @Override
    public Integer call() {
        ApiNode result = o.client().call("DeleteDBClusterSnapshot", "DBClusterSnapshotIdentifier", snapshot);
        if (o.json()) {
            Output.json(o.out(), result.child("DBClusterSnapshot").orElse(result));
        } else {
            Views.print(o.out(), "deleted snapshot " + snapshot);
        }
        return 0;
    }
}
