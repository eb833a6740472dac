package io.strata.protocol;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A running server endpoint for tests (TLS offered), plus JDBC URL builders for both drivers. */
public final class TestServer implements AutoCloseable {
    public static final String USER = "root";
    public static final String PASSWORD = "s3cret!";

    public final MySqlServer server;
    public final int port;
    /** The engine behind {@link #port}, on a volume; closed with the server. */
    public final TestDatabases.Cluster cluster;

    public TestServer() {
        this(Credentials.of(USER, PASSWORD));
    }

    public TestServer(Credentials credentials) {
        server = new MySqlServer(TlsConfig.selfSigned());
        cluster = TestDatabases.newCluster();
        try {
            port = server.start("127.0.0.1", 0, credentials, cluster);
        } catch (RuntimeException e) {
            server.stop();
            cluster.close();
            throw e;
        }
    }

    /** Client flavours under test. */
    public enum Client {
        MYSQL(false, false), MYSQL_PS(true, false), MYSQL_TLS(false, true), MYSQL_PS_TLS(true, true),
        MARIADB(false, false), MARIADB_PS(true, false), MARIADB_TLS(false, true), MARIADB_PS_TLS(true, true);

        public final boolean serverPrepared;
        public final boolean tls;

        Client(boolean serverPrepared, boolean tls) {
            this.serverPrepared = serverPrepared;
            this.tls = tls;
        }

        public boolean mariadb() {
            return name().startsWith("MARIADB");
        }
    }

    public String url(Client c, String db, String extra) {
        String base;
        if (c.mariadb()) {
            base = "jdbc:mariadb://127.0.0.1:" + port + "/" + db + "?sslMode=" + (c.tls ? "trust" : "disable")
                    + "&useServerPrepStmts=" + c.serverPrepared;
        } else {
            base = "jdbc:mysql://127.0.0.1:" + port + "/" + db + "?sslMode=" + (c.tls ? "REQUIRED" : "DISABLED")
                    + "&useServerPrepStmts=" + c.serverPrepared + "&allowPublicKeyRetrieval=true"
                    + "&connectTimeout=5000&socketTimeout=60000";
        }
        return extra == null || extra.isEmpty() ? base : base + "&" + extra;
    }

    public Connection connect(Client c) throws SQLException {
        return connect(c, "app", "");
    }

    public Connection connect(Client c, String db, String extra) throws SQLException {
        return DriverManager.getConnection(url(c, db, extra), USER, PASSWORD);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            cluster.close();
        }
    }
}
