package io.strata.junit;

import io.strata.client.StrataClient;

import java.util.Optional;

/**
 * Where this JVM's tests find Strata, decided once: the API named by {@code strata.api} / STRATA_API, else an
 * embedded Strata started on first use. Under {@code strata run}, STRATA_CLUSTER (or {@code strata.cluster})
 * names the run's clone, which every {@link StrataClone} then clones instead of its own source.
 *
 * <p>Thread-safe: parallel test classes share one environment.
 */
final class StrataEnvironment {
    private static volatile StrataEnvironment instance;
    private final StrataClient client;
    private final boolean embedded;
    private final Sources sources;

    private StrataEnvironment(StrataClient client, boolean embedded) {
        this.client = client;
        this.embedded = embedded;
        this.sources = new Sources(client);
    }

    static StrataEnvironment get() {
        StrataEnvironment e = instance;
        if (e == null) {
            synchronized (StrataEnvironment.class) {
                e = instance;
                if (e == null) {
                    Optional<String> api = StrataClient.configuredApi();
                    e = api.isPresent() ? new StrataEnvironment(StrataClient.create(api.get()), false)
                            : new StrataEnvironment(StrataClient.create(EmbeddedStrata.start()), true);
                    instance = e;
                }
            }
        }
        return e;
    }

    StrataClient client() {
        return client;
    }

    boolean embedded() {
        return embedded;
    }

    Sources sources() {
        return sources;
    }

    /** The cluster every clone is made of under {@code strata run}, if set. */
    static Optional<String> runCluster() {
        String p = System.getProperty("strata.cluster");
        if (p != null && !p.isBlank()) {
            return Optional.of(p);
        }
        String e = System.getenv("STRATA_CLUSTER");
        return e == null || e.isBlank() ? Optional.empty() : Optional.of(e);
    }
}
