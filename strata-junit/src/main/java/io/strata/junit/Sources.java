package io.strata.junit;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.CreateClusterRequest;
import io.strata.client.SnapshotId;
import io.strata.client.StrataApiException;
import io.strata.client.StrataClient;
import io.strata.client.StrataTimeoutException;
import io.strata.client.dump.DumpLoader;
import io.strata.client.dump.DumpReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;

/**
 * Makes sure a source cluster exists before it is cloned: an existing one is used as it is; a missing one is
 * created and seeded as its {@link StrataSource} says, once per JVM (other threads wait for it) and once per
 * server (another JVM that finds it being seeded, tagged {@value #SEEDING_TAG}, waits for the snapshot
 * {@code NAME-seeded} that marks the end).
 *
 * <p>Thread-safe.
 */
final class Sources {
    static final String SEEDING_TAG = "strata:seeding";
    private static final Duration SEED_WAIT = Duration.ofMinutes(10);
    private final StrataClient client;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> ready = new ConcurrentHashMap<>();

    Sources(StrataClient client) {
        this.client = client;
    }

    /** Returns once the source exists and is seeded; the first caller for a source does the work. */
    void ensure(String name, List<StrataSource> declared, ClassLoader loader) {
        String key = ClusterId.of(name).value();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> theirs = ready.putIfAbsent(key, mine);
        if (theirs == null) {
            try {
                make(ClusterId.of(key), declared, loader);
                mine.complete(null);
            } catch (RuntimeException e) {
                ready.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return;
        }
        try {
            theirs.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void make(ClusterId id, List<StrataSource> declared, ClassLoader loader) {
        StrataSource spec = declared.stream().filter(s -> ClusterId.of(s.name()).equals(id)).findFirst().orElse(null);
        var existing = client.findCluster(id);
        if (existing.isPresent()) {
            awaitSeeded(existing.get());
            return;
        }
        if (spec == null) {
            throw new IllegalStateException("source cluster " + id + " does not exist at " + client.api() + ": create it"
                    + " (strata cluster create " + id + " ...; strata import " + id + " DUMP), or declare"
                    + " @StrataSource(name = \"" + id + "\", scripts = ...) so the extension creates and seeds it");
        }
        try {
            client.createCluster(CreateClusterRequest.of(id, spec.user(), spec.password())
                    .withBacktrackWindow(Duration.ofHours(24)).withTag(SEEDING_TAG, "true"));
        } catch (StrataApiException.AlreadyExists e) {
            awaitSeeded(client.describeCluster(id));
            return;
        }
        seed(client.describeCluster(id), spec, loader);
        client.createSnapshot(id, seededMarker(id));
    }

    static SnapshotId seededMarker(ClusterId id) {
        return SnapshotId.of(id.value() + "-seeded");
    }

    private void awaitSeeded(Cluster c) {
        if (!c.tags().containsKey(SEEDING_TAG)) {
            return;
        }
        long deadline = System.nanoTime() + SEED_WAIT.toNanos();
        while (client.findSnapshot(seededMarker(c.id())).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new StrataTimeoutException("source " + c.id() + " is still being seeded (by another test JVM?)"
                        + " after " + SEED_WAIT + "; delete it if that JVM died (strata cluster delete " + c.id() + ")");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for source " + c.id());
            }
        }
    }

    private void seed(Cluster c, StrataSource spec, ClassLoader loader) {
        String url = c.endpoint().jdbcUrl("", spec.password()) + "&allowMultiQueries=true";
        try (Connection conn = DriverManager.getConnection(url)) {
            for (String script : spec.scripts()) {
                try (DumpReader dump = open(script, loader)) {
                    DumpLoader.on(conn).load(dump);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("seeding source " + c.id() + " from " + script + " failed at " + e.getMessage(), e);
                }
            }
            spec.initializer().getDeclaredConstructor().newInstance().initialize(conn);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("seeding source " + c.id() + " failed: " + e, e);
        }
    }

    /** A classpath resource (with or without a leading /), else a file. */
    static DumpReader open(String script, ClassLoader loader) throws IOException {
        String resource = script.startsWith("/") ? script.substring(1) : script;
        URL url = loader.getResource(resource);
        if (url != null) {
            InputStream in = url.openStream();
            return DumpReader.of(in, -1);
        }
        Path file = Path.of(script);
        if (Files.exists(file)) {
            return DumpReader.open(file);
        }
        throw new IOException("no classpath resource or file " + script);
    }
}
