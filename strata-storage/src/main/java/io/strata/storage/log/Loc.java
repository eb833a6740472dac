package io.strata.storage.log;

/**
 * Where a record lives, packed in one long so the index holds no objects per page version:
 * <pre>
 *  63           44 43                    16 15             0
 *  +--------------+------------------------+----------------+
 *  | segment (20) | offset in segment (28) | length (16)    |
 *  +--------------+------------------------+----------------+
 * </pre>
 * Segment ids start at 1, so 0 never names a record and serves as "unknown". {@link #ZERO} is a tombstone:
 * the page reads as zeros (written by truncate).
 */
public final class Loc {
    public static final long NONE = 0;
    public static final long ZERO = -1;
    static final long MAX_SEGMENT = (1L << 20) - 1;
    static final long MAX_OFFSET = (1L << 28) - 1;

    private Loc() {
    }

    static long of(long segment, long offset, int length) {
        if (segment < 1 || segment > MAX_SEGMENT || offset < 0 || offset > MAX_OFFSET || length <= 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("unrepresentable location " + segment + "/" + offset + "/" + length);
        }
        return segment << 44 | offset << 16 | length;
    }

    public static long segment(long loc) {
        return loc >>> 44;
    }

    public static long offset(long loc) {
        return (loc >>> 16) & MAX_OFFSET;
    }

    public static int length(long loc) {
        return (int) (loc & 0xFFFF);
    }
}
