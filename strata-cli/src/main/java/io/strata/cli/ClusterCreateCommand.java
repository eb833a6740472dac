package io.strata.cli;

import io.strata.client.Times;

import io.strata.client.ClusterId;
import io.strata.client.CreateClusterRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
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

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "Delete the cluster after this long: seconds or 90s, 30m, 2h, 1d (the strata:ttl tag).")
    String ttl;

    @Option(names = "--no-instance", description = "Create no instance: the endpoint does not answer until one is created.")
    boolean noInstance;

    @Override
    public Integer call() {
        CreateClusterRequest r = CreateClusterRequest.of(ClusterId.of(name), user, password)
                .withBacktrackWindow(Duration.ofSeconds(Times.seconds(window))).withDeletionProtection(protection);
        if (port != null) {
            r = r.withPort(port);
        }
        if (ttl != null) {
            r = r.withTtl(ttl);
        }
        if (noInstance) {
            r = r.withoutInstance();
        }
        Views.shape(o, o.client().createCluster(r).shape());
        return 0;
    }
}
