package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * ProtocolText::ResultsetRow: each value a length-encoded string, NULL as 0xFB.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_row.html">Text Resultset Row</a>
 */
public final class TextResultRow {
    private TextResultRow() {}

    public static ByteBuf write(ByteBuf b, Object[] row) {
        for (Object v : row) {
            if (v == null) {
                b.writeByte(0xFB);
            } else if (v instanceof byte[] bytes) {
                Wire.writeLenencBytes(b, bytes);
            } else {
                Wire.writeLenencBytes(b, text(v).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    /** MySQL's text form of a value. */
    public static String text(Object v) {
        if (v instanceof Boolean bool) return bool ? "1" : "0";
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Double d) return floating(d, Double.toString(d));
        if (v instanceof Float f) return floating(f, Float.toString(f));
        if (v instanceof LocalDateTime dt) return dt.toLocalDate() + " " + time(dt.toLocalTime());
        if (v instanceof LocalTime t) return time(t);
        if (v instanceof Duration d) {
            long s = Math.abs(d.getSeconds());
            return (d.isNegative() ? "-" : "") + String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return v.toString();
    }

    /**
     * MySQL's text form of a DOUBLE/FLOAT: the shortest digits that read back as the same value, without a
     * trailing {@code .0}, and in exponent form ({@code 1e20}, {@code 1.5e-7}) outside 1e-6..1e15.
     */
    static String floating(double d, String javaText) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return javaText;
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -6 && exponent < 15) return exact.toPlainString();
        String digits = exact.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    private static String time(LocalTime t) {
        String base = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }
}
