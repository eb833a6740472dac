package io.strata.conformance;

import io.strata.engine.Database;
import io.strata.engine.EngineOptions;
import io.strata.protocol.Credentials;
import io.strata.protocol.MySqlServer;
import io.strata.protocol.TlsConfig;
import io.strata.storage.PageStore;
import io.strata.storage.VolumeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Strata as {@code strata server} runs a cluster, in process: the real engine on a volume of its own page
 * store in a temporary directory, behind the MySQL wire server on a free loopback port.
 */
final class InProcessStrata implements AutoCloseable {
    static final String USER = "root";
    static final String PASSWORD = "conformance";

    private final Path dir;
    private final PageStore store;
    private final Database database;
    private final MySqlServer server;
    final int port;

    InProcessStrata() throws Exception {
        dir = Files.createTempDirectory("strata-conformance-");
        store = PageStore.open(dir);
        database = Database.open(store.createVolume("main", VolumeOptions.defaults()), EngineOptions.defaults());
        server = new MySqlServer(TlsConfig.disabled());
        port = server.start("127.0.0.1", 0, Credentials.of(USER, PASSWORD), database);
    }

    String url() {
        return "jdbc:mysql://127.0.0.1:" + port + "/?" + Suite.URL_PARAMS;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
            database.close();
        } finally {
            store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
