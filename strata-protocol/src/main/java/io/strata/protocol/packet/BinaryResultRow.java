package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * ProtocolBinary::ResultsetRow: 0x00 header, NULL bitmap (offset 2), then non-NULL values in the binary
 * encoding of each column's type.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html">Binary Protocol Resultset</a>
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value">Binary Protocol Value</a>
 */
public final class BinaryResultRow {
    private BinaryResultRow() {}

    public static ByteBuf write(ByteBuf b, Object[] row, List<ColumnType> types) {
        b.writeByte(0x00);
        byte[] nulls = new byte[(row.length + 7 + 2) / 8];
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) nulls[(i + 2) / 8] |= (byte) (1 << ((i + 2) % 8));
        }
        b.writeBytes(nulls);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) value(b, row[i], types.get(i).type());
        }
        return b;
    }

    static void value(ByteBuf b, Object v, int type) {
        switch (type) {
            case ColumnType.TINY -> b.writeByte((int) asLong(v));
            case ColumnType.SHORT, ColumnType.YEAR -> b.writeShortLE((int) asLong(v));
            case ColumnType.LONG, ColumnType.INT24 -> b.writeIntLE((int) asLong(v));
            case ColumnType.LONGLONG -> b.writeLongLE(asLong(v));
            case ColumnType.FLOAT -> b.writeFloatLE(((Number) v).floatValue());
            case ColumnType.DOUBLE -> b.writeDoubleLE(((Number) v).doubleValue());
            case ColumnType.DATE, ColumnType.DATETIME, ColumnType.TIMESTAMP -> dateTime(b, v);
            case ColumnType.TIME -> time(b, v);
            default -> {
                if (v instanceof byte[] bytes) Wire.writeLenencBytes(b, bytes);
                else Wire.writeLenencBytes(b, TextResultRow.text(v).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static long asLong(Object v) {
        if (v instanceof Boolean bool) return bool ? 1 : 0;
        if (v instanceof BigDecimal d) return d.longValue();
        return ((Number) v).longValue();
    }

    private static void dateTime(ByteBuf b, Object v) {
        LocalDateTime dt = v instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) v;
        int micros = dt.getNano() / 1000;
        boolean hasTime = dt.getHour() != 0 || dt.getMinute() != 0 || dt.getSecond() != 0 || micros != 0;
        b.writeByte(micros != 0 ? 11 : hasTime ? 7 : 4);
        b.writeShortLE(dt.getYear()).writeByte(dt.getMonthValue()).writeByte(dt.getDayOfMonth());
        if (hasTime || micros != 0) b.writeByte(dt.getHour()).writeByte(dt.getMinute()).writeByte(dt.getSecond());
        if (micros != 0) b.writeIntLE(micros);
    }

    private static void time(ByteBuf b, Object v) {
        Duration d = v instanceof LocalTime t ? Duration.ofNanos(t.toNanoOfDay()) : (Duration) v;
        boolean neg = d.isNegative();
        d = d.abs();
        long secs = d.getSeconds();
        int micros = d.getNano() / 1000;
        if (secs == 0 && micros == 0) {
            b.writeByte(0);
            return;
        }
        b.writeByte(micros != 0 ? 12 : 8).writeByte(neg ? 1 : 0).writeIntLE((int) (secs / 86400));
        b.writeByte((int) (secs / 3600 % 24)).writeByte((int) (secs / 60 % 60)).writeByte((int) (secs % 60));
        if (micros != 0) b.writeIntLE(micros);
    }
}
