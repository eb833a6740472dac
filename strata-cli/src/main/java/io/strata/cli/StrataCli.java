package io.strata.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `strata` command: one subcommand per verb, each in its own class. */
@Command(name = "strata", mixinStandardHelpOptions = true, version = "strata 0.1.0",
        description = "Strata: a MySQL-compatible database for application testing, with O(1) clone and backtrack.",
        subcommands = {ServerCommand.class, DemoCommand.class, ClusterCommand.class, CloneCommand.class, ConnectCommand.class,
                BacktrackCommand.class, BacktracksCommand.class, SnapshotCommand.class, ImportCommand.class,
                GenerateCommand.class, RunCommand.class})
public final class StrataCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure (one-line message on stderr), 2 usage. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new StrataCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("strata: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
