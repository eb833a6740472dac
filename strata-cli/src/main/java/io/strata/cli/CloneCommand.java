package io.strata.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.strata.control.ControlException;
import io.strata.control.InstanceClasses;
import io.strata.control.MasterPasswords;

import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * `strata clone SOURCE NAME [--at TIME | --latest]`: RestoreDBClusterToPointInTime with RestoreType=copy-on-write
 * (O(1)), or full-copy with {@code --full-copy} (a progress bar while the server copies); then the master password
 * if given, then an instance so the clone's endpoint answers. If a step after the restore fails, the clone is
 * deleted again: the command makes the whole clone or nothing.
 */
@Command(name = "clone", description = "Clone a cluster as of a time (copy-on-write, O(1)) into a new cluster with its own endpoint.")
final class CloneCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The cluster to clone.")
    String source;

    @Parameters(index = "1", paramLabel = "NAME", description = "The new cluster.")
    String name;

    @ArgGroup(exclusive = true)
    When when;

    static final class When {
        @Option(names = "--at", paramLabel = "TIME", description = "ISO-8601 or relative (-5m) time to clone as of.")
        String at;

        @Option(names = "--latest", description = "Clone the latest state (the default).")
        boolean latest;
    }

    @Option(names = "--full-copy", description = "Copy every page instead of sharing them (O(size)).")
    boolean fullCopy;

    @Option(names = "--master-password", description = "Give the clone its own master password.")
    String password;

    @Option(names = "--no-instance", description = "Create no instance: the endpoint does not answer until one is created.")
    boolean noInstance;

    @Override
    public Integer call() {
        ApiClient api = o.client();
        if (password != null) {
            // Checked before anything is made: a clone is never left behind with the source's password.
            try {
                MasterPasswords.check(password);
            } catch (ControlException e) {
                throw new IllegalArgumentException("--master-password: " + e.getMessage() + " Nothing was created.");
            }
        }
        String at = when == null || when.at == null ? null : Times.parse(when.at, Instant.now()).toString();
        ApiNode restored = api.call("RestoreDBClusterToPointInTime", "DBClusterIdentifier", name, "SourceDBClusterIdentifier", source,
                "RestoreType", fullCopy ? "full-copy" : "copy-on-write", "RestoreToTime", at,
                "UseLatestRestorableTime", at == null ? "true" : null);
        try {
            if (restored.child("DBCluster").map(c -> c.get("Status")).orElse("").equals("creating")) {
                new CopyProgress(api, name, o.err()).await();
            }
            if (password != null) {
                api.call("ModifyDBCluster", "DBClusterIdentifier", name, "MasterUserPassword", password, "ApplyImmediately", "true");
            }
            if (!noInstance) {
                api.call("CreateDBInstance", "DBInstanceIdentifier", name + "-1", "DBClusterIdentifier", name,
                        "Engine", "aurora-mysql", "DBInstanceClass", InstanceClasses.DEFAULT);
            }
        } catch (RuntimeException e) {
            rollBack(api);
            throw new IllegalStateException(e.getMessage() + "; the clone " + name + " was deleted again");
        }
        Views.cluster(o, api, name);
        return 0;
    }

    /** Undoes a clone whose setup failed half-way: its instance (if made), then the cluster. */
    private void rollBack(ApiClient api) {
        try {
            api.call("DeleteDBInstance", "DBInstanceIdentifier", name + "-1", "SkipFinalSnapshot", "true");
        } catch (RuntimeException ignored) {
            // no instance was made
        }
        try {
            api.call("DeleteDBCluster", "DBClusterIdentifier", name, "SkipFinalSnapshot", "true");
        } catch (RuntimeException e) {
            o.err().println("strata: could not delete the half-made clone " + name + ": " + e.getMessage());
        }
    }
}
