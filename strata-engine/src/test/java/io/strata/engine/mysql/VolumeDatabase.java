package io.strata.engine.mysql;

import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.storage.PageStore;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A database on a volume of a fresh page store, and MySQL sessions on it: the MySQL layer over the real engine
 * (commit gate, lock waiter), without the wire protocol.
 */
final class VolumeDatabase implements AutoCloseable {
    final PageStore store;
    final Database db;
    final SessionRegistry registry = new SessionRegistry();

    private VolumeDatabase(PageStore store, Database db) {
        this.store = store;
        this.db = db;
    }

    static VolumeDatabase open(Path dir, EngineOptions options) throws Exception {
        PageStore store = PageStore.open(dir);
        return new VolumeDatabase(store, Database.open(store.createVolume("main", VolumeOptions.defaults()), options));
    }

    /** A new session with connection id {@code id}, using database {@code app} (created if missing). */
    MySqlSession session(long id) throws SQLException {
        MySqlSession s = new MySqlSession(db.open(), registry, id, "root", "localhost", () -> { });
        s.execute("CREATE DATABASE IF NOT EXISTS app");
        s.useDatabase("app");
        return s;
    }

    @Override
    public void close() throws Exception {
        db.close();
        store.close();
    }
}
