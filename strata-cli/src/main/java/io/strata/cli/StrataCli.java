package io.strata.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The `strata` command: one subcommand per verb, each in its own class. The API options {@code --api} and
 * {@code --json} may come before the verb ({@code strata --api URL cluster list}) or after it.
 */
@Command(name = "strata", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "strata 0.1.0",
        description = "Strata: a MySQL-compatible database for application testing, with O(1) clone and backtrack.",
        subcommands = {ServerCommand.class, DemoCommand.class, ClusterCommand.class, CloneCommand.class, ConnectCommand.class,
                BacktrackCommand.class, BacktracksCommand.class, SnapshotCommand.class, ImportCommand.class,
                GenerateCommand.class, RunCommand.class})
public final class StrataCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", description = "The Strata API for the verb that follows (default: $STRATA_API or "
            + ApiOptions.DEFAULT_API + ").")
    String api;

    @Option(names = "--json", description = "Print the API's result as JSON, with the API's field names.")
    boolean json;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 usage; each error is one line on stderr. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new StrataCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("strata: " + e.getMessage());
            cmd.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler(StrataCli::usageError);
        return cl.execute(args);
    }

    /** A usage error in one line that says where the help is, instead of the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage() == null ? "invalid arguments" : e.getMessage().replace(System.lineSeparator(), " ").strip();
        err.println("strata: " + message + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
