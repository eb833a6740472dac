package io.strata.cli;

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
        ApiClient api = o.client();
        ApiNode cluster = api.call("DescribeDBClusters", "DBClusterIdentifier", name).list("DBClusters").get(0);
        if (cluster.get("DeletionProtection").equals("true")) {
            throw new IllegalStateException("cluster " + name + " has deletion protection; nothing was deleted."
                    + " Turn it off first: strata cluster modify " + name + " --no-deletion-protection");
        }
        ApiNode instances = api.call("DescribeDBInstances", "Filters.Filter.1.Name", "db-cluster-id",
                "Filters.Filter.1.Values.Value.1", name);
        for (ApiNode i : instances.list("DBInstances")) {
            api.call("DeleteDBInstance", "DBInstanceIdentifier", i.get("DBInstanceIdentifier"), "SkipFinalSnapshot", "true");
        }
        ApiNode result = api.call("DeleteDBCluster", "DBClusterIdentifier", name,
                "SkipFinalSnapshot", finalSnapshot == null ? "true" : "false", "FinalDBSnapshotIdentifier", finalSnapshot);
        if (o.json()) {
            Output.json(o.out(), result.child("DBCluster").orElse(result));
        } else {
            Views.print(o.out(), "deleted cluster " + name + (finalSnapshot == null ? "" : "; kept snapshot " + finalSnapshot));
        }
        return 0;
    }
}
