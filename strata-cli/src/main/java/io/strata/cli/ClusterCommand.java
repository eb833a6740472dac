package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `strata cluster create|list|describe|modify|delete`: DB clusters through the API. */
@Command(name = "cluster", description = "Create, list, describe, modify and delete DB clusters.",
        subcommands = {ClusterCreateCommand.class, ClusterListCommand.class, ClusterDescribeCommand.class,
                ClusterModifyCommand.class, ClusterDeleteCommand.class})
final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
