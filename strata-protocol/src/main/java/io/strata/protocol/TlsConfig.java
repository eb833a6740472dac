package io.strata.protocol;

import java.nio.file.Path;

/**
 * TLS settings of a server: disabled, a self-signed certificate (generated at start, optionally persisted in
 * a directory and reused), or a PEM certificate chain and PKCS#8 private key.
 */
public record TlsConfig(boolean enabled, Path directory, Path certificate, Path privateKey) {
    public static TlsConfig disabled() {
        return new TlsConfig(false, null, null, null);
    }

    /** A self-signed certificate generated in memory at start. */
    public static TlsConfig selfSigned() {
        return new TlsConfig(true, null, null, null);
    }

    /** A self-signed certificate generated at first start into {@code dir} and reused afterwards. */
    public static TlsConfig selfSignedIn(Path dir) {
        return new TlsConfig(true, dir, null, null);
    }

    public static TlsConfig pem(Path certificate, Path privateKey) {
        return new TlsConfig(true, null, certificate, privateKey);
    }
}
