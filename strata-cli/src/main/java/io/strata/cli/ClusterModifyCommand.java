package io.strata.cli;

import io.strata.client.Times;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
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
        Cluster c = o.client().modifyCluster(ClusterId.of(name),
                window == null ? null : Duration.ofSeconds(Times.seconds(window)), password, protection);
        Views.shape(o, c.shape());
        return 0;
    }
}
