package io.strata.protocol;

import io.strata.engine.ConnectionFactory;
import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.storage.PageStore;
import io.strata.storage.VolumeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one place where tests build engine {@link ConnectionFactory}s: the real engine ({@link Database},
 * H2 in MySQL mode) on a volume of its own {@link PageStore} in a temporary directory, as
 * {@code strata server} runs it.
 */
public final class TestDatabases {
    private TestDatabases() {}

    /**
     * A fresh database cluster containing the empty database {@code app}. Close it after the endpoints
     * serving it have stopped: that shuts the engine down, closes the store and deletes its directory.
     */
    public static Cluster newCluster() {
        Path dir;
        try {
            dir = Files.createTempDirectory("strata-protocol-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PageStore store = PageStore.open(dir);
        Database db;
        try {
            db = Database.open(store.createVolume("main", VolumeOptions.defaults()), EngineOptions.defaults());
        } catch (SQLException | RuntimeException e) {
            store.close();
            deleteQuietly(dir);
            throw new IllegalStateException("cannot open the engine", e);
        }
        Cluster cluster = new Cluster(dir, store, db);
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("cannot create the database app", e);
        }
        return cluster;
    }

    /** One engine on one volume, with the store and directory it owns. */
    public static final class Cluster implements ConnectionFactory, AutoCloseable {
        private final Path dir;
        private final PageStore store;
        private final Database database;
        private boolean closed;

        private Cluster(Path dir, PageStore store, Database database) {
            this.dir = dir;
            this.store = store;
            this.database = database;
        }

        @Override
        public Connection open() throws SQLException {
            return database.open();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                database.close();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot shut the engine down", e);
            } finally {
                store.close();
                deleteQuietly(dir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
