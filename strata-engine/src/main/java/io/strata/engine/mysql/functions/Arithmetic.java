package io.strata.engine.mysql.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * MySQL's arithmetic where H2's differs.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/arithmetic-functions.html">Arithmetic Operators</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/precision-math-expressions.html">Precision math: expression handling</a>
 */
public final class Arithmetic {
    /** MySQL's {@code div_precision_increment} default: a quotient has 4 more decimals than its dividend. */
    public static final int DIV_PRECISION_INCREMENT = 4;

    private Arithmetic() {}

    /**
     * {@code x / y}: always an exact DECIMAL with the dividend's scale plus {@link #DIV_PRECISION_INCREMENT}
     * ({@code 7/2} is {@code 3.5000}), rounded half up; NULL when {@code y} is 0 (MySQL warns, 1365).
     */
    public static BigDecimal divide(BigDecimal x, BigDecimal y) {
        if (x == null || y == null || y.signum() == 0) return null;
        return x.divide(y, Math.max(0, x.scale()) + DIV_PRECISION_INCREMENT, RoundingMode.HALF_UP);
    }

    /** {@code x DIV y}: integer division, truncated toward zero; NULL when {@code y} is 0. */
    public static Long intDivide(BigDecimal x, BigDecimal y) {
        if (x == null || y == null || y.signum() == 0) return null;
        return x.divide(y, 0, RoundingMode.DOWN).longValueExact();
    }

    /**
     * The value of an exact aggregate as MySQL types it: {@code SUM} of an integer column is a DECIMAL
     * (MySQL manual 14.19.1: "SUM() and AVG() return a DECIMAL value for exact-value arguments").
     */
    public static BigDecimal decimal(BigDecimal x) {
        return x;
    }

    /** ER_DIVISION_BY_ZERO, a warning for SELECT in MySQL's default SQL mode. */
    public static final int ER_DIVISION_BY_ZERO = 1365;

    /** {@link #divide} of the {@code /} operator: NULL with warning 1365 "Division by 0" on a zero divisor. */
    public static BigDecimal quotient(BigDecimal x, BigDecimal y) {
        if (x != null && y != null && y.signum() == 0) return divisionByZero();
        return divide(x, y);
    }

    /** {@link #intDivide} of the DIV operator, with warning 1365 on a zero divisor. */
    public static Long intQuotient(BigDecimal x, BigDecimal y) {
        if (x != null && y != null && y.signum() == 0) return divisionByZero();
        return intDivide(x, y);
    }

    /** A DOUBLE divisor of {@code /} (a string operand makes the division DOUBLE): NULL and 1365 if zero. */
    public static Double nonZeroDivisor(Double y) {
        if (y != null && y == 0) return divisionByZero();
        return y;
    }

    /** What a MOD or % by zero gives: NULL, with warning 1365. */
    public static Long zeroDivisor() {
        return divisionByZero();
    }

    private static <T> T divisionByZero() {
        StatementContext.warn(ER_DIVISION_BY_ZERO, "Division by 0");
        return null;
    }

    /**
     * {@code a XOR b} (14.4.3 Logical Operators): 1 if exactly one operand is true (non-zero), 0 if both or
     * neither is, NULL if either is NULL. Strings count by their numeric prefix.
     */
    public static Long xor(Value a, Value b) {
        Boolean x = truth(a), y = truth(b);
        if (x == null || y == null) return null;
        return x ^ y ? 1L : 0L;
    }

    private static Boolean truth(Value v) {
        if (v == null || v == ValueNull.INSTANCE) return null;
        return switch (v.getValueType()) {
            case Value.BOOLEAN -> v.getBoolean();
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT -> v.getLong() != 0;
            case Value.NUMERIC, Value.DECFLOAT -> v.getBigDecimal().signum() != 0;
            case Value.REAL, Value.DOUBLE -> v.getDouble() != 0;
            default -> StringFunctions.numericPrefix(v.getString()) != 0;
        };
    }
}
