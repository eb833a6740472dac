package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * ERR_Packet: error code, '#', 5-character SQLSTATE, message.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html">ERR_Packet</a>
 */
public final class ErrPacket {
    private ErrPacket() {}

    public static ByteBuf write(ByteBuf b, int code, String sqlState, String message) {
        String state = sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
        b.writeByte(0xFF).writeShortLE(code).writeByte('#');
        b.writeBytes(state.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes((message == null ? "" : message).getBytes(StandardCharsets.UTF_8));
        return b;
    }
}
