package io.strata.engine.mysql.functions;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * MySQL's conversions where H2's differ: CAST to DATE/DATETIME of strings and numbers (invalid values are
 * NULL with warning 1292 instead of an error), LENGTH of any value, and strings that are not quite numbers
 * in arithmetic (their numeric prefix, with warning 1292).
 *
 * <p>Not deterministic (never folded by H2), since they raise warnings: a folded call would warn once, when H2
 * prepares the statement, and never again when H2 runs its cached plan.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/cast-functions.html">Cast Functions and Operators</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html">Type Conversion in Expression Evaluation</a>
 */
public final class Conversions {
    /** ER_TRUNCATED_WRONG_VALUE: "Truncated incorrect %s value" / "Incorrect datetime value". */
    public static final int ER_TRUNCATED_WRONG_VALUE = 1292;

    private Conversions() {}

    /** CAST(x AS DATE): a date, datetime, string or number read as MySQL does; NULL and warning 1292 if invalid. */
    public static LocalDate toDate(Value v) {
        LocalDateTime d = toDatetime(v);
        return d == null ? null : d.toLocalDate();
    }

    /** CAST(x AS DATETIME): as {@link #toDate}, with the time; fractional seconds kept (the caller rounds). */
    public static LocalDateTime toDatetime(Value v) {
        if (v == null || v == ValueNull.INSTANCE) return null;
        String s = switch (v.getValueType()) {
            case Value.DATE, Value.TIMESTAMP, Value.TIMESTAMP_TZ -> v.getString().replace('T', ' ');
            case Value.NUMERIC, Value.DECFLOAT, Value.REAL, Value.DOUBLE -> v.getBigDecimal().stripTrailingZeros().toPlainString();
            default -> v.getString();
        };
        if (v.getValueType() == Value.TIMESTAMP_TZ && s.length() > 19) {
            int zone = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (zone > 10) s = s.substring(0, zone);
        }
        LocalDateTime d = MySqlDates.parse(s);
        if (d == null) StatementContext.warn(ER_TRUNCATED_WRONG_VALUE, "Incorrect datetime value: '" + s + "'");
        return d;
    }

    /**
     * LENGTH(x) (14.8 String Functions): the length in bytes of x as MySQL would print it, for any type
     * (H2's OCTET_LENGTH refuses dates); a binary value's own length.
     */
    public static Long length(Value v) {
        if (v == null || v == ValueNull.INSTANCE) return null;
        return switch (v.getValueType()) {
            case Value.VARBINARY, Value.BINARY, Value.BLOB, Value.JAVA_OBJECT, Value.GEOMETRY, Value.UUID ->
                    (long) v.getBytesNoCopy().length;
            case Value.TIMESTAMP, Value.TIMESTAMP_TZ, Value.DATE, Value.TIME, Value.TIME_TZ ->
                    (long) v.getString().replace('T', ' ').length();
            case Value.BOOLEAN -> 1L;
            case Value.DOUBLE, Value.REAL -> (long) doubleText(v.getDouble()).length();
            default -> (long) v.getString().getBytes(StandardCharsets.UTF_8).length;
        };
    }

    /**
     * A string literal that is not entirely a number, in arithmetic: its numeric prefix (0 if none) as a DOUBLE,
     * with warning 1292 "Truncated incorrect DOUBLE value: '12abc'".
     */
    public static Double truncatedDouble(String s) {
        if (s == null) return null;
        StatementContext.warn(ER_TRUNCATED_WRONG_VALUE, "Truncated incorrect DOUBLE value: '" + s + "'");
        return StringFunctions.numericPrefix(s);
    }

    /** True if {@code s} (surrounding spaces allowed) is a whole number MySQL reads without truncating. */
    public static boolean isNumber(String s) {
        String t = s.strip();
        if (t.isEmpty()) return false;
        try {
            Double.parseDouble(t);
            char last = t.charAt(t.length() - 1);
            return Character.isDigit(last) || last == '.'; // not "1d", "1f", "NaN", "Infinity"
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A DOUBLE as MySQL prints it: {@code 1000}, {@code 1.5}, {@code 1e20}, {@code 1.5e-7}. */
    static String doubleText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }
}
