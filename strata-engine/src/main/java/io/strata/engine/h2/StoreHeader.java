package io.strata.engine.h2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.strata.storage.VolumeView;
import org.h2.mvstore.DataUtils;

/**
 * H2's MVStore <em>store header</em>: parsed, checked and rewritten to name a newer chunk.
 *
 * <p>Format (H2 2.5.252, {@code RandomAccessStore.writeStoreHeader}); H2 always writes it as one
 * 8 KiB write at offset 0:
 * <pre>
 *  offset 0                                  4096                                 8192
 *  +-----------------------------------------+-------------------------------------+
 *  | line + zero padding                     | the same line + zero padding        |
 *  +-----------------------------------------+-------------------------------------+
 *  line = "H:2,block:&lt;hex&gt;,blockSize:1000,chunk:&lt;hex&gt;,created:&lt;hex&gt;,format:&lt;n&gt;,
 *          version:&lt;hex&gt;[,clean:1]" + ",fletcher:&lt;hex&gt;" + "\n"
 * </pre>
 * Keys come in the order of H2's HashMap; values are hex. {@code block} is the block index
 * (position / 4096) of the chunk named by {@code chunk} (its id) and {@code version} (its version).
 * {@code fletcher} is {@link DataUtils#getFletcher32} over the ISO-8859-1 bytes of the line before
 * {@code ",fletcher"}; a header whose checksum does not match is ignored by H2 on open.
 */
public final class StoreHeader {

    /** Bytes in one copy of the header; H2 writes two copies. */
    static final int COPY_LENGTH = 4096;
    /** Length of the single write in which H2 stores both copies. */
    static final int WRITE_LENGTH = 2 * COPY_LENGTH;

    private static final String FLETCHER = "fletcher";

    /** Keys and raw values in file order, without {@code fletcher}. */
    private final LinkedHashMap<String, String> fields;

    private StoreHeader(LinkedHashMap<String, String> fields) {
        this.fields = fields;
    }

    /**
     * Parses the first copy of a header whose bytes start at {@code src.position()}; {@code src} is not
     * consumed. Empty if the bytes are not a header with a valid checksum.
     */
    public static Optional<StoreHeader> parse(ByteBuffer src) {
        int n = Math.min(src.remaining(), COPY_LENGTH);
        byte[] bytes = new byte[n];
        src.duplicate().get(bytes);
        int end = 0;
        while (end < n && bytes[end] != '\n' && bytes[end] != 0) {
            end++;
        }
        if (end == n || bytes[end] != '\n' || end < 2 || bytes[0] != 'H' || bytes[1] != ':') {
            return Optional.empty();
        }
        String line = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        int f = line.lastIndexOf("," + FLETCHER + ":");
        if (f < 0) {
            return Optional.empty();
        }
        try {
            int stored = (int) Long.parseLong(line.substring(f + FLETCHER.length() + 2), 16);
            if (stored != DataUtils.getFletcher32(bytes, 0, f)) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (String kv : line.substring(0, f).split(",")) {
            int c = kv.indexOf(':');
            if (c <= 0) {
                return Optional.empty();
            }
            fields.put(kv.substring(0, c), kv.substring(c + 1));
        }
        return Optional.of(new StoreHeader(fields));
    }

    /**
     * Reads the header at the start of a read-only view of a volume: present only if the view holds a
     * valid header and at least one block after it. (H2 usually omits {@code block}/{@code chunk} from
     * the header and finds the newest chunk from the end of the file, so naming a chunk is not required.)
     */
    public static Optional<StoreHeader> read(VolumeView view) {
        long offset = RedoRegion.h2Offset(view); // H2's file starts after the redo region, if there is one
        if (view.size() <= offset + WRITE_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.allocate(COPY_LENGTH);
        while (buf.hasRemaining()) {
            if (view.read(buf, offset + buf.position()) < 0) {
                return Optional.empty();
            }
        }
        buf.flip();
        return parse(buf);
    }

    /** The version of the chunk this header names, or -1 if it names none (an empty store). */
    public long version() {
        return hex("version");
    }

    /** The id of the chunk this header names, or -1. */
    public long chunkId() {
        return hex("chunk");
    }

    /** The block index of the chunk this header names, or -1. */
    public long block() {
        return hex("block");
    }

    /** Whether H2 marked the store as cleanly closed. */
    public boolean clean() {
        return fields.containsKey("clean");
    }

    /** Whether this header names a chunk at all (H2 omits the fields while the store is empty). */
    public boolean namesChunk() {
        return block() >= 0 && chunkId() >= 0 && version() >= 0;
    }

    /** A copy of this header naming {@code chunk}; every other key keeps its value and place. */
    public StoreHeader pointingAt(ChunkRecord chunk) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(fields);
        copy.put("block", Long.toHexString(chunk.block()));
        copy.put("chunk", Integer.toHexString(chunk.id()));
        copy.put("version", Long.toHexString(chunk.version()));
        return new StoreHeader(copy);
    }

    /** The 8 KiB write H2 would have made for this header: two copies, each ending in a newline. */
    public ByteBuffer toWrite() {
        StringBuilder line = new StringBuilder(128);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (line.length() > 0) {
                line.append(',');
            }
            line.append(e.getKey()).append(':').append(e.getValue());
        }
        byte[] body = line.toString().getBytes(StandardCharsets.ISO_8859_1);
        int fletcher = DataUtils.getFletcher32(body, 0, body.length);
        line.append(',').append(FLETCHER).append(':').append(Integer.toHexString(fletcher)).append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(WRITE_LENGTH);
        out.put(bytes).position(COPY_LENGTH);
        out.put(bytes).rewind();
        return out;
    }

    private long hex(String key) {
        String v = fields.get(key);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
