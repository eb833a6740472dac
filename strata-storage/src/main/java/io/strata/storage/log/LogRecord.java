package io.strata.storage.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One log record, as written by {@link SegmentLog#append}.
 * <pre>
 *  0        4        8    9    10   12               20               28               36               44        48       52
 *  +--------+--------+----+----+----+----------------+----------------+----------------+----------------+---------+--------+---------+
 *  | length | hcrc   |type|flag|pad | lsn            | timeline       | arg            | size           | durable | pcrc   | payload |
 *  +--------+--------+----+----+----+----------------+----------------+----------------+----------------+---------+--------+---------+
 * </pre>
 * All integers big-endian. {@code length} counts the whole record. {@code hcrc} is CRC32C over
 * {@code length} and bytes [8, 52); {@code pcrc} is CRC32C over the payload. Two checksums, so a flipped bit
 * in the page data of a record known forced is reported at read time (the header still indexes it) while a
 * damaged header stops recovery.
 * {@code durable} is how far the record's segment was known forced when the record was appended: recovery
 * uses it to tell a torn, never-forced tail (cut it) from damage to bytes that were once durable (report it).
 */
public record LogRecord(RecordType type, int flags, long lsn, long timeline, long arg, long size, ByteBuffer payload) {
    public static final int HEADER = 52;

    /** Payload flags for PAGE records. */
    public static final int FLAG_LZ4 = 1;
    public static final int FLAG_ZERO_PAGE = 2;
    /** A PAGE record copied forward by GC: same lsn as the original, new location. */
    public static final int FLAG_RELOCATED = 4;

    /** Encodes header and payload into one buffer ready to write. */
    static ByteBuffer encode(RecordType type, int flags, long lsn, long timeline, long arg, long size, int durable,
                             ByteBuffer payload) {
        int plen = payload == null ? 0 : payload.remaining();
        ByteBuffer b = ByteBuffer.allocate(HEADER + plen);
        b.putInt(HEADER + plen).putInt(0).put((byte) type.code).put((byte) flags).putShort((short) 0)
                .putLong(lsn).putLong(timeline).putLong(arg).putLong(size).putInt(durable);
        CRC32C pc = new CRC32C();
        if (plen > 0) {
            pc.update(payload.duplicate());
        }
        b.putInt((int) pc.getValue());
        if (plen > 0) {
            b.put(payload.duplicate());
        }
        b.putInt(4, headerCrc(b));
        return b.flip();
    }

    static int headerCrc(ByteBuffer rec) {
        CRC32C c = new CRC32C();
        c.update(rec.duplicate().position(0).limit(4));
        c.update(rec.duplicate().position(8).limit(HEADER));
        return (int) c.getValue();
    }

    /** Header check only; {@code rec} holds at least {@link #HEADER} bytes from position 0. */
    static boolean headerValid(ByteBuffer rec) {
        int len = rec.getInt(0);
        return len >= HEADER && rec.getInt(4) == headerCrc(rec) && RecordType.of(rec.get(8)) != null;
    }

    static boolean payloadValid(ByteBuffer rec) {
        CRC32C c = new CRC32C();
        c.update(rec.duplicate().position(HEADER).limit(rec.getInt(0)));
        return rec.getInt(48) == (int) c.getValue();
    }

    /** The segment offset known forced when the record was appended. */
    static int durable(ByteBuffer rec) {
        return rec.getInt(44);
    }

    /** Decodes a whole, validated record held in {@code rec} from position 0. */
    static LogRecord decode(ByteBuffer rec) {
        int len = rec.getInt(0);
        return new LogRecord(RecordType.of(rec.get(8)), rec.get(9), rec.getLong(12), rec.getLong(20), rec.getLong(28),
                rec.getLong(36), rec.duplicate().position(HEADER).limit(len).slice());
    }
}
