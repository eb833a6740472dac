package io.strata.api;

import java.util.Map;
import java.util.Optional;

/**
 * The access keys the API accepts: access key id to secret key. {@link #local()} holds only the documented
 * local keys test/test, which the server accepts only on a loopback address.
 */
public final class Credentials {
    public static final String LOCAL_KEY = "test";
    public static final String LOCAL_SECRET = "test";
    private final Map<String, String> secrets;
    private final boolean configured;

    private Credentials(Map<String, String> secrets, boolean configured) {
        this.secrets = Map.copyOf(secrets);
        this.configured = configured;
    }

    /** The documented local keys: access key id "test", secret "test". Loopback only. */
    public static Credentials local() {
        return new Credentials(Map.of(LOCAL_KEY, LOCAL_SECRET), false);
    }

    /** Configured keys (access key id to secret); at least one. */
    public static Credentials of(Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("configure at least one access key, or use Credentials.local()");
        }
        return new Credentials(secrets, true);
    }

    /** True for keys configured by the operator, false for the local test/test keys. */
    public boolean configured() {
        return configured;
    }

    Optional<String> secretOf(String accessKeyId) {
        return Optional.ofNullable(secrets.get(accessKeyId));
    }
}
