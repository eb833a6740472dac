package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * OK_Packet; with {@code header = 0xFE} it is the result-set terminator used under CLIENT_DEPRECATE_EOF.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html">OK_Packet</a>
 */
public final class OkPacket {
    private OkPacket() {}

    public static ByteBuf write(ByteBuf b, int header, long affectedRows, long lastInsertId, int status, int warnings) {
        b.writeByte(header);
        Wire.writeLenencInt(b, affectedRows);
        Wire.writeLenencInt(b, lastInsertId);
        b.writeShortLE(status);
        b.writeShortLE(warnings);
        return b;
    }

    public static ByteBuf ok(ByteBuf b, long affectedRows, long lastInsertId, int status, int warnings) {
        return write(b, 0x00, affectedRows, lastInsertId, status, warnings);
    }

    /**
     * An OK with a length-encoded info field, as MariaDB servers write it (what MariaDB's clients read; a
     * MySQL client ignores the info of the OK that ends authentication).
     */
    public static ByteBuf ok(ByteBuf b, long affectedRows, long lastInsertId, int status, int warnings, byte[] info) {
        write(b, 0x00, affectedRows, lastInsertId, status, warnings);
        Wire.writeLenencBytes(b, info);
        return b;
    }
}
