package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata cluster modify NAME`: ModifyDBCluster (backtrack window, master password, deletion protection). */
@Command(name = "modify", description = "Change a cluster's backtrack window, master password or deletion protection.")
final class ClusterModifyCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--backtrack-window", description = "Seconds or 90m, 24h, 72h at most; 0 disables backtrack.")
    String window;

    @Option(names = "--master-password", description = "New master password, 8 to 41 characters.")
    String password;

    @Option(names = "--deletion-protection", negatable = true, description = "Turn deletion protection on (or off with --no-deletion-protection).")
    Boolean protection;

    @Override
    public Integer call() {
        ApiClient api = o.client();
        api.call("ModifyDBCluster", "DBClusterIdentifier", name, "ApplyImmediately", "true",
                "BacktrackWindow", window == null ? null : Long.toString(Times.seconds(window)),
                "MasterUserPassword", password, "DeletionProtection", protection == null ? null : protection.toString());
        Views.cluster(o, api, name);
        return 0;
    }
}
