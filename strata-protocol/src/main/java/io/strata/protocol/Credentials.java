package io.strata.protocol;

import java.util.Objects;

/**
 * The master user of one endpoint.
 *
 * @param plugin the account's authentication plugin: when set, a client answering with another plugin is
 *     switched to it (as MySQL does); when null, either supported plugin is accepted as the client chose it
 * @param forceFullAuth for caching_sha2_password, always require full authentication (cleartext over TLS or
 *     RSA) instead of the fast path, as MySQL does on a cold authentication cache
 */
public record Credentials(String user, String password, AuthPlugin plugin, boolean forceFullAuth) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    public static Credentials of(String user, String password) {
        return new Credentials(user, password, null, false);
    }
}
