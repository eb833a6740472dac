package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * EOF_Packet (clients without CLIENT_DEPRECATE_EOF).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_eof_packet.html">EOF_Packet</a>
 */
public final class EofPacket {
    private EofPacket() {}

    public static ByteBuf write(ByteBuf b, int warnings, int status) {
        return b.writeByte(0xFE).writeShortLE(warnings).writeShortLE(status);
    }
}
