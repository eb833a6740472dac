package io.strata.server;

import io.strata.control.ClusterRuntime;
import io.strata.control.RunningEndpoint;
import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.protocol.Credentials;
import io.strata.protocol.MySqlServer;
import io.strata.storage.Volume;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The real {@link ClusterRuntime}: opens H2 on the cluster's volume ({@link Database}), with the page cache its
 * instance class gives, and serves it on its own port of one shared {@link MySqlServer}.
 */
final class EngineClusterRuntime implements ClusterRuntime {
    private final MySqlServer mysql;
    private final EngineOptions engineOptions;

    EngineClusterRuntime(MySqlServer mysql, EngineOptions engineOptions) {
        this.mysql = mysql;
        this.engineOptions = engineOptions;
    }

    @Override
    public RunningEndpoint start(Volume volume, String bindAddress, int port, String masterUser, String masterPassword,
                                 int cacheSizeMb) throws IOException {
        Database db;
        try {
            db = Database.open(volume, engineOptions.withCacheSizeMb(cacheSizeMb));
        } catch (SQLException e) {
            throw new IOException("cannot open the engine on volume " + volume.name() + ": " + e.getMessage(), e);
        }
        int bound;
        try {
            bound = mysql.start(bindAddress, port, Credentials.of(masterUser, masterPassword), db);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw new IOException("cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        return new Endpoint(mysql, db, bound);
    }

    private static void closeQuietly(Database db) {
        try {
            db.close();
        } catch (SQLException e) {
            // already failing
        }
    }

    /** One cluster's endpoint: its port on the shared server and its engine. */
    private static final class Endpoint implements RunningEndpoint {
        private final MySqlServer mysql;
        private final Database db;
        private final int port;
        private boolean closed;

        Endpoint(MySqlServer mysql, Database db, int port) {
            this.mysql = mysql;
            this.db = db;
            this.port = port;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void closeAllConnections() {
            mysql.closeAllConnections(port);
        }

        /** Stops the port first (no new sessions), then closes the engine so the volume can be rewound. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            mysql.stop(port);
            try {
                db.close();
            } catch (SQLException e) {
                throw new IllegalStateException("engine on volume " + db.volume().name() + " did not close: " + e.getMessage(), e);
            }
        }
    }
}
