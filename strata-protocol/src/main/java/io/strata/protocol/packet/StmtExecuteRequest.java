package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * COM_STMT_EXECUTE request parsing: NULL bitmap, parameter types (when new-params-bound is set, else the
 * previous types) and binary parameter values. Parameters sent with COM_STMT_SEND_LONG_DATA have no value here.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_execute.html">COM_STMT_EXECUTE</a>
 */
public final class StmtExecuteRequest {
    private StmtExecuteRequest() {}

    /** Reads the statement id (payload positioned after the command byte). */
    public static long statementId(ByteBuf p) {
        return p.readUnsignedIntLE();
    }

    /**
     * Reads parameters after the statement id.
     *
     * @param types in/out: the parameter types (2 bytes each: type, 0x80 = unsigned); updated if rebound
     * @param longData values already sent with COM_STMT_SEND_LONG_DATA (null entries otherwise)
     */
    public static Object[] readParameters(ByteBuf p, int count, int[] types, byte[][] longData) {
        p.skipBytes(1 + 4); // flags, iteration count
        Object[] values = new Object[count];
        if (count == 0) return values;
        byte[] nulls = new byte[(count + 7) / 8];
        p.readBytes(nulls);
        if (p.readByte() == 1) {
            for (int i = 0; i < count; i++) types[i] = p.readUnsignedShortLE();
        }
        for (int i = 0; i < count; i++) {
            if (longData[i] != null) {
                values[i] = isText(types[i] & 0xFF) ? text(longData[i]) : longData[i];
            } else if ((nulls[i / 8] & (1 << (i % 8))) != 0) {
                values[i] = null;
            } else {
                values[i] = value(p, types[i] & 0xFF, (types[i] & 0x8000) != 0);
            }
        }
        return values;
    }

    static boolean isText(int type) {
        return type == ColumnType.VARCHAR || type == ColumnType.VAR_STRING || type == ColumnType.STRING
                || type == ColumnType.JSON || type == ColumnType.ENUM || type == ColumnType.SET
                || type == ColumnType.DECIMAL || type == ColumnType.NEWDECIMAL;
    }

    private static Object value(ByteBuf p, int type, boolean unsigned) {
        switch (type) {
            case ColumnType.NULL: return null;
            case ColumnType.TINY: return (long) (unsigned ? p.readUnsignedByte() : p.readByte());
            case ColumnType.SHORT: case ColumnType.YEAR:
                return (long) (unsigned ? p.readUnsignedShortLE() : p.readShortLE());
            case ColumnType.LONG: case ColumnType.INT24: return unsigned ? p.readUnsignedIntLE() : (long) p.readIntLE();
            case ColumnType.LONGLONG: {
                long v = p.readLongLE();
                return unsigned && v < 0 ? new BigDecimal(new BigInteger(Long.toUnsignedString(v))) : (Object) v;
            }
            case ColumnType.FLOAT: return p.readFloatLE();
            case ColumnType.DOUBLE: return p.readDoubleLE();
            case ColumnType.DECIMAL: case ColumnType.NEWDECIMAL: return new BigDecimal(Wire.readLenencString(p));
            case ColumnType.DATE: case ColumnType.DATETIME: case ColumnType.TIMESTAMP: return dateTime(p, type);
            case ColumnType.TIME: return time(p);
            default:
                byte[] bytes = Wire.readLenencBytes(p);
                return isText(type) ? text(bytes) : bytes;
        }
    }

    /**
     * A string-typed parameter: a String if it is valid UTF-8, else the raw bytes (Connector/J sends
     * {@code setBytes} values as MYSQL_TYPE_STRING).
     */
    static Object text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }

    private static Object dateTime(ByteBuf p, int type) {
        int len = p.readUnsignedByte();
        int year = 0, month = 1, day = 1, h = 0, m = 0, s = 0, micros = 0;
        if (len >= 4) {
            year = p.readUnsignedShortLE();
            month = p.readUnsignedByte();
            day = p.readUnsignedByte();
        }
        if (len >= 7) {
            h = p.readUnsignedByte();
            m = p.readUnsignedByte();
            s = p.readUnsignedByte();
        }
        if (len >= 11) micros = (int) p.readUnsignedIntLE();
        if (len == 0) return type == ColumnType.DATE ? LocalDate.of(0, 1, 1) : LocalDateTime.of(0, 1, 1, 0, 0);
        LocalDateTime dt = LocalDateTime.of(year, Math.max(month, 1), Math.max(day, 1), h, m, s, micros * 1000);
        return type == ColumnType.DATE ? dt.toLocalDate() : dt;
    }

    private static Object time(ByteBuf p) {
        int len = p.readUnsignedByte();
        if (len == 0) return LocalTime.MIDNIGHT;
        boolean neg = p.readByte() == 1;
        long days = p.readUnsignedIntLE();
        int h = p.readUnsignedByte(), m = p.readUnsignedByte(), s = p.readUnsignedByte();
        int micros = len >= 12 ? (int) p.readUnsignedIntLE() : 0;
        if (!neg && days == 0) return LocalTime.of(h, m, s, micros * 1000);
        Duration d = Duration.ofDays(days).plusHours(h).plusMinutes(m).plusSeconds(s).plusNanos(micros * 1000L);
        return neg ? d.negated() : d;
    }
}
