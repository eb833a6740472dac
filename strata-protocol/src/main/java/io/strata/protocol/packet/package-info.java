/**
 * MySQL client/server protocol packets: framing ({@link io.strata.protocol.packet.PacketDecoder},
 * {@link io.strata.protocol.packet.PacketWriter}), basic types ({@link io.strata.protocol.packet.Wire}) and one
 * small class per packet, each linking its section of the MySQL protocol documentation.
 *
 * <p>May import: {@code java.*}, {@code io.netty.*}, {@code io.strata.engine.mysql} (result value types only).
 * No H2, no session state: packets are pure encoders/decoders.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/PAGE_PROTOCOL.html">Client/Server Protocol</a>
 */
package io.strata.protocol.packet;
