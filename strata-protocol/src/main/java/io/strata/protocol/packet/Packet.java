package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * One logical packet received from a client: its (last) sequence id and its payload, joined if it was
 * split into 16 MiB chunks. The receiver releases the payload.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html">MySQL Packets</a>
 */
public record Packet(int sequenceId, ByteBuf payload) {}
