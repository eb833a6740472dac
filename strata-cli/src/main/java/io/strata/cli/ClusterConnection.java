package io.strata.cli;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.StrataClient;

import java.io.Console;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A JDBC connection to a cluster's MySQL endpoint for the verbs that run SQL (import, generate, run): the
 * endpoint and master user from the API (DescribeDBClusters), the password from {@code --password}, else
 * STRATA_PASSWORD, else a prompt on the terminal (the API never returns passwords).
 */
final class ClusterConnection {
    private ClusterConnection() {
    }

    static String password(String option, String clusterId) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("STRATA_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("Password for the master user of %s: ", clusterId);
            if (p != null) {
                return new String(p);
            }
        }
        throw new IllegalArgumentException("no password for cluster " + clusterId
                + ": give --password, or set STRATA_PASSWORD (the API never returns passwords)");
    }

    /** The cluster, checked to be serving, as the API describes it. */
    static Cluster serving(StrataClient api, String name) {
        Cluster c = api.describeCluster(ClusterId.of(name));
        ConnectCommand.requireServing(c);
        return c;
    }

    /** Opens a Connector/J connection to {@code database} ("" for none) as {@code user} (null: the master user). */
    static Connection open(Cluster c, String database, String user, String password) throws SQLException {
        io.strata.client.Endpoint e = user == null ? c.endpoint()
                : new io.strata.client.Endpoint(c.endpoint().host(), c.endpoint().port(), user);
        // allowMultiQueries: as the mysql client does, so a compound statement (a trigger body with ;s) reaches
        // the server the way the client would send it.
        String url = e.jdbcUrl(database == null ? "" : database, password) + "&connectTimeout=10000&allowMultiQueries=true";
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException ex) {
            throw new SQLException("cannot connect to cluster " + c.id() + " at " + e.host() + ":" + e.port()
                    + " as " + e.user() + ": " + ex.getMessage(), ex.getSQLState(), ex.getErrorCode(), ex);
        }
    }
}
