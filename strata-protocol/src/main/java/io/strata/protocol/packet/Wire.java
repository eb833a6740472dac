package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Basic data types: fixed-length little-endian integers (Netty's {@code *LE} methods), length-encoded
 * integers and strings, NUL-terminated strings.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_data_types.html">Basic Data Types</a>
 */
public final class Wire {
    private Wire() {}

    public static long readLenencInt(ByteBuf b) {
        int first = b.readUnsignedByte();
        return switch (first) {
            case 0xFC -> b.readUnsignedShortLE();
            case 0xFD -> b.readUnsignedMediumLE();
            case 0xFE -> b.readLongLE();
            case 0xFB -> -1; // NULL marker in rows
            case 0xFF -> throw new IllegalArgumentException("invalid length-encoded integer 0xFF");
            default -> first;
        };
    }

    public static byte[] readLenencBytes(ByteBuf b) {
        long len = readLenencInt(b);
        if (len < 0 || len > b.readableBytes()) throw new IllegalArgumentException("bad length " + len);
        byte[] out = new byte[(int) len];
        b.readBytes(out);
        return out;
    }

    public static String readLenencString(ByteBuf b) {
        return new String(readLenencBytes(b), StandardCharsets.UTF_8);
    }

    public static String readNulString(ByteBuf b) {
        int end = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
        if (end < 0) throw new IllegalArgumentException("missing NUL terminator");
        String s = b.toString(b.readerIndex(), end - b.readerIndex(), StandardCharsets.UTF_8);
        b.readerIndex(end + 1);
        return s;
    }

    public static String readRestString(ByteBuf b) {
        String s = b.toString(StandardCharsets.UTF_8);
        b.skipBytes(b.readableBytes());
        return s;
    }

    public static void writeLenencInt(ByteBuf b, long v) {
        if (v >= 0 && v < 251) {
            b.writeByte((int) v);
        } else if (v >= 0 && v < (1 << 16)) {
            b.writeByte(0xFC).writeShortLE((int) v);
        } else if (v >= 0 && v < (1 << 24)) {
            b.writeByte(0xFD).writeMediumLE((int) v);
        } else {
            b.writeByte(0xFE).writeLongLE(v);
        }
    }

    public static void writeLenencBytes(ByteBuf b, byte[] v) {
        writeLenencInt(b, v.length);
        b.writeBytes(v);
    }

    public static void writeLenencString(ByteBuf b, String s) {
        writeLenencBytes(b, (s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
    }

    public static void writeNulString(ByteBuf b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }
}
