package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata snapshot restore SNAPSHOT NAME`: RestoreDBClusterFromSnapshot (O(1)), then an instance. */
@Command(name = "restore", description = "Restore a snapshot into a new cluster with its own endpoint.")
final class SnapshotRestoreCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshot;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = "--no-instance", description = "Create no instance: the endpoint does not answer until one is created.")
    boolean noInstance;

    @Override
    public Integer call() {
        ApiClient api = o.client();
        api.call("RestoreDBClusterFromSnapshot", "DBClusterIdentifier", name, "SnapshotIdentifier", snapshot,
                "Engine", "aurora-mysql");
        if (!noInstance) {
            api.call("CreateDBInstance", "DBInstanceIdentifier", name + "-1", "DBClusterIdentifier", name,
                    "Engine", "aurora-mysql", "DBInstanceClass", "db.r6g.large");
        }
        Views.cluster(o, api, name);
        return 0;
    }
}
