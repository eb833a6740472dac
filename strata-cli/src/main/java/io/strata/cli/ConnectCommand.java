package io.strata.cli;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `strata connect NAME`: looks the cluster's endpoint up through the API (DescribeDBClusters) and runs the
 * {@code mariadb} client on it, in this terminal; with {@code --jdbc}, prints the cluster's JDBC URL instead.
 * The API never returns passwords: give {@code --password}, or the client asks.
 */
@Command(name = "connect", description = "Open the mariadb client on a cluster's endpoint, or print its JDBC URL (--jdbc).")
final class ConnectCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster.")
    String name;

    @Parameters(index = "1..*", paramLabel = "CLIENT_ARG", description = "More arguments for the client (after --).")
    List<String> clientArgs = new ArrayList<>();

    @Option(names = "--jdbc", description = "Print the JDBC URL (MySQL Connector/J) instead of starting the client.")
    boolean jdbc;

    @Option(names = {"-D", "--database"}, paramLabel = "DB", description = "Database to use (default: the cluster's DatabaseName, if any).")
    String database;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User (default: the cluster's master user).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (default: the client asks; the JDBC URL leaves it out).")
    String password;

    @Option(names = "--client", paramLabel = "PATH", defaultValue = "mariadb", description = "The client to run (default: ${DEFAULT-VALUE}).")
    String client;

    /** Where a cluster answers, as DescribeDBClusters says. */
    record Endpoint(String host, int port, String user, String database) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Endpoint e = endpoint(o.client().describeCluster(ClusterId.of(name)));
        if (jdbc) {
            Views.print(o.out(), jdbcUrl(e));
            return 0;
        }
        return runClient(e);
    }

    private Endpoint endpoint(Cluster cluster) {
        requireServing(cluster);
        String db = database != null ? database : cluster.databaseName();
        return new Endpoint(cluster.endpoint().host(), cluster.endpoint().port(),
                user != null ? user : cluster.endpoint().user(), db);
    }

    /** A clear error unless the cluster's endpoint answers (available, with an instance). */
    static void requireServing(Cluster cluster) {
        String id = cluster.id().value();
        if (!cluster.status().equals("available")) {
            throw new IllegalStateException("cluster " + id + " is " + cluster.status() + ", not available");
        }
        if (cluster.instances().isEmpty()) {
            throw new IllegalStateException("cluster " + id + " has no instance, so its endpoint does not answer:"
                    + " create one (CreateDBInstance with DBClusterIdentifier " + id + ")");
        }
    }

    String jdbcUrl(Endpoint e) {
        return new io.strata.client.Endpoint(e.host(), e.port(), e.user()).jdbcUrl(e.database(), password);
    }

    private int runClient(Endpoint e) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(client, "-h" + e.host(), "-P" + e.port(), "-u" + e.user()));
        cmd.add(password != null ? "-p" + password : "-p");
        if (!e.database().isEmpty()) {
            cmd.add(e.database());
        }
        cmd.addAll(clientArgs);
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot run " + client + " (" + ex.getMessage() + "): install the mariadb"
                    + " client, or use --jdbc for a JDBC URL");
        }
        return p.waitFor();
    }
}
