package io.strata.cli;

import io.strata.client.Snapshot;
import io.strata.client.SnapshotId;

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
        Snapshot deleted = o.client().deleteSnapshot(SnapshotId.of(snapshot));
        if (o.json()) {
            Output.json(o.out(), deleted.shape());
        } else {
            Views.print(o.out(), "deleted snapshot " + snapshot);
        }
        return 0;
    }
}
