package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `strata snapshot create|list|delete|restore`: DB cluster snapshots (pinned points) through the API. */
@Command(name = "snapshot", description = "Create, list, delete and restore DB cluster snapshots.",
        subcommands = {SnapshotCreateCommand.class, SnapshotListCommand.class, SnapshotDeleteCommand.class,
                SnapshotRestoreCommand.class})
final class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
