package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** `strata cluster create NAME`: CreateDBCluster, then CreateDBInstance NAME-1 so the endpoint answers. */
@Command(name = "create", description = "Create a DB cluster and its instance (its MySQL endpoint).")
final class ClusterCreateCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(paramLabel = "NAME", description = "The cluster identifier.")
    String name;

    @Option(names = "--master-username", defaultValue = "admin", description = "Master user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--master-password", required = true, description = "Master password, 8 to 41 characters.")
    String password;

    @Option(names = "--backtrack-window", defaultValue = "24h",
            description = "How far back backtrack reaches: seconds or 90m, 24h, 72h at most (default: ${DEFAULT-VALUE}; 0 disables).")
    String window;

    @Option(names = "--port", description = "The cluster's MySQL port (default: a free one).")
    Integer port;

    @Option(names = "--deletion-protection", description = "Refuse deletes until turned off with `cluster modify`.")
    boolean protection;

    @Option(names = "--no-instance", description = "Create no instance: the endpoint does not answer until one is created.")
    boolean noInstance;

    @Override
    public Integer call() {
        ApiClient api = o.client();
        api.call("CreateDBCluster", "DBClusterIdentifier", name, "Engine", "aurora-mysql", "MasterUsername", user,
                "MasterUserPassword", password, "BacktrackWindow", Long.toString(Times.seconds(window)),
                "Port", port == null ? null : port.toString(), "DeletionProtection", protection ? "true" : null);
        if (!noInstance) {
            api.call("CreateDBInstance", "DBInstanceIdentifier", name + "-1", "DBClusterIdentifier", name,
                    "Engine", "aurora-mysql", "DBInstanceClass", "db.r6g.large");
        }
        Views.cluster(o, api, name);
        return 0;
    }
}
