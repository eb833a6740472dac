package io.strata.cli;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.SnapshotId;
import io.strata.client.StrataClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * `strata cluster delete NAME`: deletes the cluster's instances (its endpoint stops), then the cluster. A cluster
 * with deletion protection is refused before anything is deleted, so its endpoint keeps serving.
 */
@Command(name = "delete", description = "Delete a DB cluster and its instances.")
final class ClusterDeleteCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--final-snapshot", paramLabel = "SNAPSHOT", description = "Keep a snapshot of the cluster under this name.")
    String finalSnapshot;

    @Override
    public Integer call() {
        StrataClient api = o.client();
        ClusterId id = ClusterId.of(name);
        Cluster deleted = api.deleteCluster(id, finalSnapshot == null ? null : SnapshotId.of(finalSnapshot));
        if (o.json()) {
            Output.json(o.out(), deleted.shape());
        } else {
            Views.print(o.out(), "deleted cluster " + name + (finalSnapshot == null ? "" : "; kept snapshot " + finalSnapshot));
        }
        return 0;
    }
}
