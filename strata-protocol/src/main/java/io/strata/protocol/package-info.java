/**
 * Strata's MySQL wire-protocol server: {@link io.strata.protocol.MySqlServer} serves any number of endpoints
 * (one TCP port per database cluster), each with its own {@link io.strata.engine.ConnectionFactory} and
 * {@link io.strata.protocol.Credentials}; {@link io.strata.protocol.TlsConfig} configures TLS.
 *
 * <p>Subpackages: {@code packet} (framing and packet classes), {@code auth} (authentication, TLS certificates),
 * {@code session} (per-connection handling of the connection and command phases).
 *
 * <p>May import: {@code java.*}, {@code io.netty.*}, {@code io.strata.engine.*}. Must not import H2
 * ({@code org.h2.*}): engine sessions are {@code java.sql.Connection}s wrapped by
 * {@link io.strata.engine.mysql.MySqlSession}.
 */
package io.strata.protocol;
