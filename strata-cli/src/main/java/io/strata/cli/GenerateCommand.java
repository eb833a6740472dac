package io.strata.cli;

import io.strata.client.Cluster;
import io.strata.client.generate.DataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `strata generate CLUSTER --size 1G [--kind sysbench|sakila]`: fills a cluster with generated data to a size,
 * fast (a first batch over the wire, then copies inside the engine), with a progress bar: how 1 GB and 10 GB
 * sources for benchmarks and demos are made on any machine.
 */
@Command(name = "generate", description = "Fill a cluster with generated data (sysbench tables or scaled Sakila) to a size.")
final class GenerateCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:i?B)?", Pattern.CASE_INSENSITIVE);

    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster to fill.")
    String cluster;

    @Option(names = "--size", required = true, paramLabel = "SIZE", description = "How much data: bytes or 500M, 1G, 10G (binary units).")
    String size;

    @Option(names = "--kind", defaultValue = "sysbench", paramLabel = "KIND",
            description = "sysbench (sbtest tables) or sakila (an imported Sakila's rentals, copied in time) (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = {"-D", "--database"}, paramLabel = "DB", description = "Database (default: sbtest for sysbench, sakila for sakila).")
    String database;

    @Option(names = "--tables", defaultValue = "1", description = "sysbench: spread the rows over this many sbtest tables (default: ${DEFAULT-VALUE}).")
    int tables;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User (default: the cluster's master user).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (default: $STRATA_PASSWORD, else asked on the terminal).")
    String password;

    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the size '" + text + "': use bytes or 500M, 1G, 10G");
        }
        double n = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        long bytes = (long) (n * (1L << shift));
        if (bytes < 1) {
            throw new IllegalArgumentException("the size must be at least one byte: " + text);
        }
        return bytes;
    }

    @Override
    public Integer call() throws SQLException {
        long target = parseSize(size);
        DataGenerator.Kind k = switch (kind.toLowerCase(Locale.ROOT)) {
            case "sysbench" -> DataGenerator.Kind.SYSBENCH;
            case "sakila" -> DataGenerator.Kind.SAKILA;
            default -> throw new IllegalArgumentException("unknown --kind " + kind + ": use sysbench or sakila");
        };
        String db = database != null ? database : k == DataGenerator.Kind.SYSBENCH ? "sbtest" : "sakila";
        Cluster c = ClusterConnection.serving(o.client(), cluster);
        String pw = ClusterConnection.password(password, c.id().value());
        ProgressBar bar = new ProgressBar(System.err, "generate");
        DataGenerator.Progress done;
        try (Connection conn = ClusterConnection.open(c, "", user, pw)) {
            done = DataGenerator.of(conn, k, db).tables(tables).progress(p -> bar.update((double) p.bytes() / p.target(),
                    detail(p))).fill(target);
        } finally {
            bar.done();
        }
        double secs = done.elapsedNanos() / 1e9;
        Views.print(o.out(), String.format(Locale.ROOT, "generated %s of %s data in %s on %s: %,d rows in %.1f s (%s/s)",
                ProgressBar.bytes(done.bytes()), kind.toLowerCase(Locale.ROOT), db, c.id(), done.rows(), secs,
                ProgressBar.bytes(done.bytes() / Math.max(secs, 1e-3))));
        return 0;
    }

    private static String detail(DataGenerator.Progress p) {
        double secs = p.elapsedNanos() / 1e9;
        double rate = p.bytes() / Math.max(secs, 1e-3);
        return String.format(Locale.ROOT, "%s / %s  %,d rows  %s/s  ETA %s", ProgressBar.bytes(p.bytes()),
                ProgressBar.bytes(p.target()), p.rows(), ProgressBar.bytes(rate),
                ProgressBar.seconds(rate <= 0 ? -1 : Math.max(0, (p.target() - p.bytes()) / rate)));
    }
}
