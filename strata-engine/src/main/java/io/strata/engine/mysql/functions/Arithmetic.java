package io.strata.engine.mysql.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
}
