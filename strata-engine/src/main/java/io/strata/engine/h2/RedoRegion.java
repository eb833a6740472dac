package io.strata.engine.h2;

import io.strata.storage.Volume;
import io.strata.storage.VolumeView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * How a database lies on its volume: a redo region of {@link #SIZE} bytes, then H2's file. Volumes made
 * before the region existed hold H2's file from offset 0 and have no region (no redo log, see
 * {@code RedoLog}); they are told apart by the region's magic at offset 0, which an H2 file never starts
 * with (H2's store header begins {@code H:2,}).
 *
 * <p>Region layout, all integers big-endian:
 * <pre>
 *  0      header: magic (16 bytes) | generation (8) | base version (8) | CRC32C of the 32 bytes before (4)
 *  4096   records, one after another: length n (4) | generation (8) | CRC32C of generation and payload (4) | payload (n)
 * </pre>
 * A record belongs to the header's generation; records of older generations left behind it, zeros, or a
 * record whose CRC fails end the log. The <em>base version</em> is the version of the H2 chunk the records
 * apply to: they hold the commits made after that chunk was stored.
 */
public final class RedoRegion {

    /** Bytes reserved for the region: H2's file starts here. Only the pages written take space. */
    public static final long SIZE = 8L << 20;
    /**
     * The storage's page size: records are written in whole pages of the region, so that storage need not
     * read a page's old image to write part of it.
     */
    public static final int PAGE = 4096;
    /** Where the first record starts: the page after the header's. */
    public static final int FIRST_RECORD = PAGE;
    /** Bytes before a record's payload. */
    public static final int RECORD_HEADER = 16;
    private static final byte[] MAGIC = "STRATA-REDO-V1\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_LENGTH = MAGIC.length + 8 + 8 + 4;

    private RedoRegion() {
    }

    /** The region's header: which records are current, and which chunk they apply to. */
    public record Header(long generation, long baseVersion) {
    }

    /** Where H2's file starts on {@code volume}: after the region, or at 0 on a volume made before it. */
    static long h2Offset(Volume volume) {
        if (volume.size() == 0) {
            return SIZE;
        }
        ByteBuffer first = ByteBuffer.allocate(MAGIC.length);
        readFully(first, volume::read);
        return hasMagic(first) ? SIZE : 0;
    }

    /** The same for a point-in-time view. */
    public static long h2Offset(VolumeView view) {
        ByteBuffer first = ByteBuffer.allocate(MAGIC.length);
        readFully(first, view::read);
        return hasMagic(first) ? SIZE : 0;
    }

    private interface Reader {
        int read(ByteBuffer dst, long position);
    }

    private static void readFully(ByteBuffer dst, Reader reader) {
        while (dst.hasRemaining()) {
            if (reader.read(dst, dst.position()) < 0) {
                break;
            }
        }
        dst.flip();
    }

    private static boolean hasMagic(ByteBuffer first) {
        if (first.remaining() < MAGIC.length) {
            return false;
        }
        byte[] b = new byte[MAGIC.length];
        first.get(b);
        return Arrays.equals(b, MAGIC);
    }

    static ByteBuffer encodeHeader(Header h) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        b.put(MAGIC).putLong(h.generation()).putLong(h.baseVersion());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    static Optional<Header> parseHeader(ByteBuffer b) {
        if (b.remaining() < HEADER_LENGTH || !hasMagic(b.duplicate())) {
            return Optional.empty();
        }
        int start = b.position();
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().limit(start + HEADER_LENGTH - 4));
        b.position(start + MAGIC.length);
        long generation = b.getLong();
        long base = b.getLong();
        if (b.getInt() != (int) crc.getValue()) {
            return Optional.empty();
        }
        return Optional.of(new Header(generation, base));
    }

    static int headerLength() {
        return HEADER_LENGTH;
    }

    /** One record of {@code generation} holding {@code payload}'s remaining bytes, framed as above. */
    public static ByteBuffer encodeRecord(long generation, ByteBuffer payload) {
        int n = payload.remaining();
        ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER + n);
        b.putInt(n).putLong(generation).putInt(recordCrc(generation, payload.duplicate()));
        b.put(payload.duplicate());
        return b.flip();
    }

    /**
     * Whether the record whose 16-byte header is {@code head} belongs to {@code generation} and its payload
     * {@code payload} matches its CRC; false at the end of the log.
     */
    public static boolean isRecord(ByteBuffer head, long generation, ByteBuffer payload) {
        head.getInt();
        long g = head.getLong();
        int crc = head.getInt();
        return g == generation && crc == recordCrc(g, payload.duplicate());
    }

    private static int recordCrc(long generation, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(generation).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }
}
