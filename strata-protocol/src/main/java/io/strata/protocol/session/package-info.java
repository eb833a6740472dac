/**
 * Per-connection protocol handling: the connection phase ({@link io.strata.protocol.session.ConnectionHandler}:
 * greeting, TLS upgrade, authentication, opening the engine session) and the command phase
 * ({@link io.strata.protocol.session.CommandHandler}: COM_QUERY, prepared statements, ...), both on the
 * connection's own event loop thread (one thread per connection, see {@code io.strata.protocol.ConnectionLoops}).
 *
 * <p>May import: {@code java.*}, {@code io.netty.*}, {@code io.strata.engine.*}, the other
 * {@code io.strata.protocol} packages. Not H2.
 */
package io.strata.protocol.session;
