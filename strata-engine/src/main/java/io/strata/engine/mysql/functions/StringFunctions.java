package io.strata.engine.mysql.functions;

/**
 * MySQL string and miscellaneous functions H2 lacks.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/string-functions.html">String Functions and Operators</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/miscellaneous-functions.html">Miscellaneous Functions</a>
 */
public final class StringFunctions {
    private StringFunctions() {}

    /** FIND_IN_SET(str, strlist): 1-based position of {@code str} in the comma list, 0 if absent, NULL if NULL. */
    public static Long findInSet(String s, String list) {
        if (s == null || list == null) return null;
        if (list.isEmpty()) return 0L;
        String[] items = list.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            if (items[i].equalsIgnoreCase(s)) return (long) i + 1;
        }
        return 0L;
    }

    /**
     * FIELD(str, str1, str2, ...): 1-based index of the first argument among the others (compared as
     * strings, case-insensitively as the default collation does), 0 if absent or NULL.
     */
    public static long field(String s, String... list) {
        if (s == null) return 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] != null && (list[i].equalsIgnoreCase(s) || numericEquals(list[i], s))) return i + 1;
        }
        return 0;
    }

    private static boolean numericEquals(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** INET_ATON('a.b.c.d'): the address as a number; NULL if it is not a valid IPv4 address. */
    public static Long inetAton(String s) {
        if (s == null) return null;
        String[] parts = s.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) return null;
        long v = 0;
        try {
            for (int i = 0; i < parts.length; i++) {
                long p = Long.parseLong(parts[i]);
                if (p < 0 || p > 255) return null;
                // MySQL: a short form such as '127.1' puts the last part in the lowest byte
                v = i == parts.length - 1 ? (v << (8 * (4 - i))) | p : (v << 8) | p;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return parts.length == 4 ? v : v;
    }

    /** INET_NTOA(n): the dotted IPv4 form; NULL outside 0..2^32-1. */
    public static String inetNtoa(Long n) {
        if (n == null || n < 0 || n > 0xFFFFFFFFL) return null;
        return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    /**
     * A string's numeric prefix, as MySQL converts strings in arithmetic ({@code '12abc' + 3} is 15,
     * {@code 'abc' + 0} is 0; MySQL also warns, 1292). Returns a double, as MySQL's conversion does.
     *
     * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html">Type Conversion in Expression Evaluation</a>
     */
    public static Double toNumber(String s) {
        if (s == null) return null;
        return numericPrefix(s);
    }

    /** The numeric prefix of {@code s} (leading spaces skipped), 0 if there is none. */
    public static double numericPrefix(String s) {
        int i = 0, n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return 0;
        int mantissaEnd = i;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            int expDigits = 0;
            while (j < n && Character.isDigit(s.charAt(j))) { j++; expDigits++; }
            if (expDigits > 0) mantissaEnd = j;
        }
        return Double.parseDouble(s.substring(start, mantissaEnd));
    }
}
