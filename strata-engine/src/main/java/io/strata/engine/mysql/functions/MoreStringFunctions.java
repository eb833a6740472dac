package io.strata.engine.mysql.functions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * More MySQL string functions H2 lacks or computes differently (case-sensitive INSTR/LOCATE, single-argument
 * CHAR).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/string-functions.html">String Functions and Operators</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/encryption-functions.html">Encryption and Compression Functions</a>
 */
public final class MoreStringFunctions {
    private MoreStringFunctions() {}

    public static String reverse(String s) {
        return s == null ? null : new StringBuilder(s).reverse().toString();
    }

    private static String digest(String algorithm, String s) {
        if (s == null) return null;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String md5(String s) {
        return digest("MD5", s);
    }

    public static String sha1(String s) {
        return digest("SHA-1", s);
    }

    /** SHA2(str, bits): 224, 256 (or 0), 384, 512; NULL for other lengths. */
    public static String sha2(String s, Integer bits) {
        if (bits == null) return null;
        return switch (bits) {
            case 0, 256 -> digest("SHA-256", s);
            case 224 -> digest("SHA-224", s);
            case 384 -> digest("SHA-384", s);
            case 512 -> digest("SHA-512", s);
            default -> null;
        };
    }

    public static String toBase64(String s) {
        return s == null ? null : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] fromBase64(String s) {
        if (s == null) return null;
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** HEX(n) of a number: its integer value in hexadecimal; HEX(str): its bytes. Upper case. */
    public static String hex(Value v) {
        if (v == null || v == ValueNull.INSTANCE) return null;
        return switch (v.getValueType()) {
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT, Value.NUMERIC, Value.DECFLOAT, Value.REAL,
                    Value.DOUBLE -> v.getBigDecimal().setScale(0, RoundingMode.HALF_UP).toBigInteger().toString(16)
                    .toUpperCase(Locale.ROOT);
            case Value.VARBINARY, Value.BINARY, Value.BLOB -> HexFormat.of().withUpperCase().formatHex(v.getBytes());
            default -> HexFormat.of().withUpperCase().formatHex(v.getString().getBytes(StandardCharsets.UTF_8));
        };
    }

    public static byte[] unhex(String s) {
        if (s == null) return null;
        try {
            return HexFormat.of().parseHex(s.length() % 2 == 1 ? "0" + s : s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** CONV(n, from_base, to_base) for non-negative numbers and bases 2..36. */
    public static String conv(String n, Integer from, Integer to) {
        if (n == null || from == null || to == null) return null;
        try {
            return new BigInteger(n.strip(), Math.abs(from)).toString(Math.abs(to)).toUpperCase(Locale.ROOT);
        } catch (NumberFormatException e) {
            return "0";
        }
    }

    /** FORMAT(x, d): rounded to d decimals, with ',' grouping (locale en_US). */
    public static String format(BigDecimal x, Integer d) {
        if (x == null || d == null) return null;
        BigDecimal r = x.setScale(Math.max(0, Math.min(d, 30)), RoundingMode.HALF_UP);
        return String.format(Locale.ROOT, "%,." + r.scale() + "f", r);
    }

    /** ELT(n, s1, s2, ...): the n-th string, NULL if n is out of range. */
    public static String elt(Integer n, String... list) {
        return n == null || n < 1 || n > list.length ? null : list[n - 1];
    }

    /** ORD(str): the code of the leftmost character (multi-byte characters as MySQL combines their bytes). */
    public static Long ord(String s) {
        if (s == null) return null;
        if (s.isEmpty()) return 0L;
        byte[] b = new String(Character.toChars(s.codePointAt(0))).getBytes(StandardCharsets.UTF_8);
        long v = 0;
        for (byte x : b) v = v * 256 + (x & 0xFF);
        return v;
    }

    /** STRCMP(a, b): -1, 0 or 1, comparing as the default case-insensitive collation does. */
    public static Long strcmp(String a, String b) {
        if (a == null || b == null) return null;
        return (long) Integer.signum(a.compareToIgnoreCase(b));
    }

    /** QUOTE(str): a quoted SQL literal with \ ' NUL and ^Z escaped; the word NULL for NULL. */
    public static String quote(String s) {
        if (s == null) return "NULL";
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\0' -> sb.append("\\0");
                case (char) 26 -> sb.append("\\Z");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** INSTR(str, substr): 1-based position, case-insensitive as the default collation; 0 if absent. */
    public static Long instr(String s, String sub) {
        if (s == null || sub == null) return null;
        return (long) s.toLowerCase(Locale.ROOT).indexOf(sub.toLowerCase(Locale.ROOT)) + 1;
    }

    /** LOCATE(substr, str[, pos]). */
    public static Long locate(String sub, String s, Integer... pos) {
        if (s == null || sub == null) return null;
        int from = pos.length > 0 && pos[0] != null ? pos[0] : 1;
        if (from < 1 || from > s.length() + 1) return 0L;
        return (long) s.toLowerCase(Locale.ROOT).indexOf(sub.toLowerCase(Locale.ROOT), from - 1) + 1;
    }

    /** CHAR(n, ...): the characters of the given codes (each code's bytes, most significant first). */
    public static String chars(Long... codes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Long c : codes) {
            if (c == null) continue;
            long v = c & 0xFFFFFFFFL;
            int n = v > 0xFFFFFF ? 4 : v > 0xFFFF ? 3 : v > 0xFF ? 2 : 1;
            for (int i = n - 1; i >= 0; i--) out.write((int) (v >> (8 * i)) & 0xFF);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** ASCII(str): the first byte's value, 0 for ''. */
    public static Long ascii(String s) {
        if (s == null) return null;
        return s.isEmpty() ? 0L : (long) (s.getBytes(StandardCharsets.UTF_8)[0] & 0xFF);
    }

    /** ISNULL(expr): 1 if NULL, else 0. */
    public static long isNull(Value v) {
        return v == null || v == ValueNull.INSTANCE ? 1 : 0;
    }

    /** SQRT(x): NULL for a negative x (Java gives NaN). */
    public static Double sqrt(Double x) {
        return x == null || x < 0 ? null : Math.sqrt(x);
    }
}
