package io.strata.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Generates 4 KiB pages that look and compress like the leaf pages of an embedded SQL engine's B-tree
 * (laid out like an H2 MVStore leaf: header, then the keys, then the values, then free space):
 * <ul>
 *   <li>a 32-byte page header (type, page number, row count, flags);</li>
 *   <li>60 ascending 8-byte primary keys (480 B);</li>
 *   <li>60 rows of 42 bytes: 26 random bytes (hashes, UUIDs, free text: incompressible), a 12-byte text
 *       column from a small dictionary (status, city) and a 4-byte small int (2,520 B);</li>
 *   <li>zeroed free space to the end of the page (1,064 B, a 74% fill factor, typical of B-tree leaves).</li>
 * </ul>
 * Share of the page: random 1,560 B (38%), structured 1,472 B (36%), zeros 1,064 B (26%). Deterministic in
 * (page number, seed). LZ4 (fast) compresses it about 1.8x; the benchmark measures and prints the ratio.
 */
final class PageGen {
    static final int PAGE = 4096;
    static final int HEADER = 32;
    static final int ROWS = 60;
    static final int RANDOM = 26;
    static final int ROW = RANDOM + 12 + 4;
    static final int VALUES = HEADER + ROWS * 8;
    static final int ROWS_END = VALUES + ROWS * ROW;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[][] DICT = {
        "active      ".getBytes(), "pending     ".getBytes(), "shipped     ".getBytes(), "cancelled   ".getBytes(),
        "London      ".getBytes(), "Paris       ".getBytes(), "Berlin      ".getBytes(), "Madrid      ".getBytes()};

    private PageGen() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Fills {@code b} (4096 bytes) with the image of page {@code pageNo} for {@code seed}. */
    static void fill(byte[] b, long pageNo, long seed) {
        Arrays.fill(b, 0, HEADER, (byte) 0);
        Arrays.fill(b, ROWS_END, PAGE, (byte) 0);
        long s = mix(pageNo * 0x9E3779B97F4A7C15L ^ seed) | 1;
        b[0] = 0x02;                               // page type: leaf
        LONG.set(b, 1, pageNo);
        INT.set(b, 9, ROWS);
        LONG.set(b, 13, 0x0001_0000_0000_0000L);   // parent / flags
        for (int r = 0; r < ROWS; r++) {
            LONG.set(b, HEADER + r * 8, pageNo * 256 + r * 3);   // primary keys, ascending
        }
        int off = VALUES;
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < RANDOM; k += 8) {
                s = xorshift(s);
                for (int j = 0; j < 8 && k + j < RANDOM; j++) {
                    b[off + k + j] = (byte) (s >>> (8 * j));
                }
            }
            off += RANDOM;
            System.arraycopy(DICT[(int) ((s >>> 40) & 7)], 0, b, off, 12);
            off += 12;
            INT.set(b, off, 1000 + (int) ((s >>> 50) & 63));
            off += 4;
        }
    }

    /** An engine commit's change to a page: ~100 bytes of one or two rows rewritten with new values. */
    static void modify(byte[] b, long rnd) {
        long s = mix(rnd) | 1;
        int start = VALUES + (int) Long.remainderUnsigned(s, ROWS_END - VALUES - 100);
        for (int i = 0; i < 100; i += 8) {
            s = xorshift(s);
            for (int k = 0; k < 8 && i + k < 100; k++) {
                b[start + i + k] = (byte) (s >>> (8 * k));
            }
        }
    }

    static long xorshift(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }
}
