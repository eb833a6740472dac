package io.strata.protocol;

import io.strata.engine.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The one place where tests build engine {@link ConnectionFactory}s. Today: a private in-memory H2 database
 * in MySQL mode; switch this to the volume-backed {@code io.strata.engine.Database} when it lands.
 */
public final class TestDatabases {
    private TestDatabases() {}

    /** A fresh, empty database cluster containing the database {@code app}. */
    public static ConnectionFactory newCluster() {
        String url = "jdbc:h2:mem:strata-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        ConnectionFactory factory = () -> DriverManager.getConnection(url, "sa", "");
        try (Connection c = factory.open(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return factory;
    }
}
