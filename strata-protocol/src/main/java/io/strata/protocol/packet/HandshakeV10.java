package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * Protocol::HandshakeV10, the server greeting.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html">Protocol::HandshakeV10</a>
 */
public final class HandshakeV10 {
    /** utf8mb4_0900_ai_ci. */
    public static final int DEFAULT_COLLATION = 255;

    private HandshakeV10() {}

    /** @param scramble 20 bytes of auth-plugin data */
    public static ByteBuf write(ByteBuf b, String serverVersion, long connectionId, byte[] scramble, int capabilities,
                                int status, String authPlugin) {
        b.writeByte(10);
        Wire.writeNulString(b, serverVersion);
        b.writeIntLE((int) connectionId);
        b.writeBytes(scramble, 0, 8).writeByte(0);
        b.writeShortLE(capabilities & 0xFFFF);
        b.writeByte(DEFAULT_COLLATION);
        b.writeShortLE(status);
        b.writeShortLE(capabilities >>> 16);
        b.writeByte(scramble.length + 1);
        b.writeZero(10);
        b.writeBytes(scramble, 8, scramble.length - 8).writeByte(0);
        Wire.writeNulString(b, authPlugin);
        return b;
    }
}
