/**
 * Authentication and transport security: the {@code mysql_native_password} and {@code caching_sha2_password}
 * exchanges ({@link io.strata.protocol.auth.Authenticator}), RSA key exchange for full authentication without
 * TLS, and self-signed TLS certificates ({@link io.strata.protocol.auth.TlsCertificates}).
 *
 * <p>May import: {@code java.*}, {@code javax.crypto}, {@code io.netty.handler.ssl}, BouncyCastle (certificate
 * generation only), {@code io.strata.protocol} (configuration records). No engine or session code.
 */
package io.strata.protocol.auth;
