package io.strata.cli;

import io.strata.client.CloneRequest;
import io.strata.client.ClusterId;
import io.strata.client.SnapshotId;
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

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "Delete the new cluster after this long: seconds or 90s, 30m, 2h, 1d (the strata:ttl tag).")
    String ttl;

    @Option(names = "--no-instance", description = "Create no instance: the endpoint does not answer until one is created.")
    boolean noInstance;

    @Override
    public Integer call() {
        CloneRequest r = CloneRequest.fromSnapshot(SnapshotId.of(snapshot), ClusterId.of(name));
        if (ttl != null) {
            r = r.withTtl(ttl);
        }
        if (noInstance) {
            r = r.withoutInstance();
        }
        Views.shape(o, o.client().clone(r).shape());
        return 0;
    }
}
