package io.strata.junit;

import io.strata.server.StrataServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A whole Strata (control plane, API, engines) in the test JVM, on a temporary data directory deleted when
 * the JVM exits. The only class of this module that touches strata-server, so a project that always names a
 * running server never loads it.
 */
final class EmbeddedStrata {
    private EmbeddedStrata() {
    }

    /** Starts it (API and every endpoint on free loopback ports) and returns its API's URL. */
    static String start() {
        try {
            Path dir = Files.createTempDirectory("strata-junit-");
            StrataServer server = StrataServer.start(new StrataServer.Settings(dir, "127.0.0.1", 0, 0, 0, null,
                    "root", "strata-root", 0));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteTree(dir);
            }, "strata-junit-embedded-stop"));
            return server.apiUrl();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Strata: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
