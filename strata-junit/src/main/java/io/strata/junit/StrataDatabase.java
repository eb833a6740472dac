package io.strata.junit;

import io.strata.client.ClusterId;
import io.strata.client.Endpoint;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A test's clone as connection parameters: the cluster, where it answers, its master user and password, and
 * the database connections start in. Injected by {@link StrataExtension}.
 */
public final class StrataDatabase {
    private final ClusterId cluster;
    private final Endpoint endpoint;
    private final String password;
    private final String database;

    StrataDatabase(ClusterId cluster, Endpoint endpoint, String password, String database) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.password = password;
        this.database = database;
    }

    public ClusterId cluster() {
        return cluster;
    }

    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    public String user() {
        return endpoint.user();
    }

    public String password() {
        return password;
    }

    /** The database connections start in ("" for none). */
    public String database() {
        return database;
    }

    /** A MySQL Connector/J URL with user and password. */
    public String jdbcUrl() {
        return endpoint.jdbcUrl(database, password) + "&connectTimeout=10000";
    }

    /** A new connection (the caller closes it). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** A DataSource opening a new connection per call (no pool: a reset closes every connection anyway). */
    public DataSource dataSource() {
        return new SimpleDataSource(jdbcUrl());
    }

    @Override
    public String toString() {
        return "cluster " + cluster + " at " + host() + ":" + port() + " (user " + user() + ", database '" + database + "')";
    }
}
