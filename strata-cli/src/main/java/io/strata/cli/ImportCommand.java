package io.strata.cli;

import io.strata.client.Cluster;
import io.strata.client.dump.DumpLoadException;
import io.strata.client.dump.DumpLoader;
import io.strata.client.dump.DumpReader;
import io.strata.client.dump.LoadResult;
import io.strata.client.dump.LoadStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `strata import CLUSTER FILE`: loads a mysqldump / mariadb-dump file (plain or .gz; "-" for stdin) into a
 * cluster over its MySQL endpoint, statement by statement, with a progress bar on stderr and a summary on
 * stdout. At a statement the server rejects it stops, naming the file's line and the MySQL error; everything
 * before it stays committed. Statements the server does not support (error 1235: triggers, routines) are
 * skipped and listed, unless {@code --strict}.
 */
@Command(name = "import", description = "Load a mysqldump/mariadb-dump file (plain or .gz) into a cluster, with progress and a summary.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster to load into.")
    String cluster;

    @Parameters(index = "1", paramLabel = "FILE", description = "The dump: plain SQL or gzip; - reads stdin.")
    String file;

    @Option(names = {"-D", "--database"}, paramLabel = "DB", description = "Database to start in (a dump's own USE statements switch it).")
    String database;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User (default: the cluster's master user).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (default: $STRATA_PASSWORD, else asked on the terminal).")
    String password;

    @Option(names = "--force", description = "Go on past failing statements, as mysql --force does; they are listed at the end.")
    boolean force;

    @Option(names = "--strict", description = "Stop at statements the server does not support too (by default they are skipped and listed).")
    boolean strict;

    @Override
    public Integer call() throws IOException, SQLException {
        Cluster c = ClusterConnection.serving(o.client(), cluster);
        String pw = ClusterConnection.password(password, c.id().value());
        PrintStream err = System.err;
        DumpLoader.OnError policy = force ? DumpLoader.OnError.CONTINUE
                : strict ? DumpLoader.OnError.STOP : DumpLoader.OnError.SKIP_UNSUPPORTED;
        ProgressBar bar = new ProgressBar(err, "import");
        try (DumpReader dump = open(); Connection conn = ClusterConnection.open(c, database, user, pw)) {
            LoadResult r;
            try {
                r = DumpLoader.on(conn).onError(policy).progress(s -> bar.update(s.fraction(), detail(s))).load(dump);
            } catch (DumpLoadException e) {
                bar.done();
                failed(err, e);
                return 1;
            }
            bar.done();
            summary(r, c);
            return 0;
        }
    }

    private DumpReader open() throws IOException {
        if (file.equals("-")) {
            return DumpReader.of(System.in, -1);
        }
        try {
            return DumpReader.open(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
    }

    private String name() {
        return file.equals("-") ? "stdin" : Path.of(file).getFileName().toString();
    }

    static String detail(LoadStats s) {
        String size = s.totalBytes() > 0 ? ProgressBar.bytes(s.bytesRead()) + " / " + ProgressBar.bytes(s.totalBytes())
                : ProgressBar.bytes(s.bytesRead());
        return String.format(Locale.ROOT, "%s  %,d statements  %,d rows  %s/s  ETA %s", size, s.statements(), s.rows(),
                ProgressBar.bytes(s.bytesPerSecond()), ProgressBar.seconds(s.etaSeconds()));
    }

    private void summary(LoadResult r, Cluster c) {
        LoadStats s = r.stats();
        double secs = s.elapsedNanos() / 1e9;
        Views.print(o.out(), String.format(Locale.ROOT, "imported %s into %s: %d tables, %,d rows, %,d statements in %.1f s (%s/s)",
                name(), c.id(), s.tables(), s.rows(), s.statements(), secs, ProgressBar.bytes(s.bytesPerSecond())));
        if (!r.rowsPerTable().isEmpty()) {
            StringBuilder b = new StringBuilder("rows per table:");
            r.rowsPerTable().forEach((t, n) -> b.append(' ').append(t).append('=').append(n));
            Views.print(o.out(), b.toString());
        }
        if (!r.skipped().isEmpty()) {
            Views.print(o.out(), "skipped " + r.skipped().size() + " statement(s)" + (force ? "" : " the server does not support") + ":");
            for (LoadResult.Skipped k : r.skipped()) {
                String msg = k.message().replace("You have an error in your SQL syntax; check the manual that corresponds"
                        + " to your MySQL server version for the right syntax to use near", "syntax error near");
                Views.print(o.out(), "  line " + k.line() + ": ERROR " + k.errorCode() + ": " + cut(msg, 72)
                        + " [" + cut(k.statementStart(), 48) + "]");
            }
        }
        warnings(r);
    }

    private void warnings(LoadResult r) {
        if (r.warningCount() == 0) {
            return;
        }
        Views.print(o.out(), r.warningCount() + " warning(s)" + (r.warningCount() > r.warnings().size()
                ? " (the first " + r.warnings().size() + " listed)" : "") + ":");
        for (LoadResult.Warned w : r.warnings()) {
            Views.print(o.out(), "  line " + w.line() + ": " + w.code() + ": " + cut(w.message(), 120));
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private void failed(PrintStream err, DumpLoadException e) {
        LoadStats s = e.loadedSoFar().stats();
        err.println("strata: import stopped at line " + e.line() + " of " + name() + ": ERROR " + e.getErrorCode()
                + " (" + e.getSQLState() + "): " + e.serverMessage());
        err.println("strata:   statement: " + e.statementStart());
        err.println(String.format(Locale.ROOT, "strata: everything before line %d is imported and committed (%,d statements,"
                + " %,d rows); fix the statement and load the rest, e.g. tail -n +%d %s | strata import %s -",
                e.line(), s.statements(), s.rows(), e.line(), file.equals("-") ? "FILE" : file, cluster));
        err.flush();
    }

}
