package io.strata.engine.h2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One complete MVStore chunk seen being written to the volume, parsed from its chunk header.
 *
 * <p>Format (H2 2.5.252, {@code Chunk.writeChunkHeader} / {@code getFooterBytes}); H2 writes a whole
 * chunk, header to footer, in one channel write at a 4 KiB-aligned position:
 * <pre>
 *  block = position / 4096
 *  +--------------------------------------+---------------- ... ---------+---------------------+
 *  | header line, space padded, "\n"      | pages                        | footer (128 bytes)  |
 *  +--------------------------------------+---------------- ... ---------+---------------------+
 *  header = "chunk:&lt;id&gt;,len:&lt;blocks&gt;,pages:&lt;n&gt;[,pinCount:&lt;n&gt;],max:&lt;n&gt;,map:&lt;id&gt;,root:&lt;pos&gt;,
 *            time:&lt;ms&gt;,version:&lt;v&gt;[,next:&lt;block&gt;][,toc:&lt;pos&gt;]"     (all values hex, at most 1024 bytes)
 *  footer = "chunk:&lt;id&gt;,len:&lt;blocks&gt;,version:&lt;v&gt;,fletcher:&lt;hex&gt;" padded, "\n"
 * </pre>
 * The header has no {@code block} field: a chunk's block is where it was written.
 *
 * @param id      H2's chunk id (wraps at 2^26, so never compare chunks by id)
 * @param version the store version the chunk persists; newer chunks have higher versions
 * @param block   the first 4 KiB block of the chunk
 * @param blocks  the chunk's length in 4 KiB blocks
 * @param serial  the adapter's write serial, to break ties between copies of one chunk
 */
public record ChunkRecord(int id, long version, long block, int blocks, long serial) {

    /** Size of H2's blocks. */
    static final int BLOCK_SIZE = 4096;
    /** Upper bound on the header line, H2's {@code Chunk.MAX_HEADER_LENGTH}. */
    private static final int MAX_HEADER_LENGTH = 1024;

    /**
     * Parses {@code src} (not consumed) as a whole-chunk write at {@code position}: empty unless the
     * position is block aligned, the bytes start with a chunk header, and the header's {@code len}
     * covers exactly the bytes written.
     */
    static Optional<ChunkRecord> parseWrite(ByteBuffer src, long position, long serial) {
        int length = src.remaining();
        if (position % BLOCK_SIZE != 0 || length % BLOCK_SIZE != 0 || length == 0) {
            return Optional.empty();
        }
        byte[] head = new byte[Math.min(length, MAX_HEADER_LENGTH)];
        src.duplicate().get(head);
        if (!startsWith(head, "chunk:")) {
            return Optional.empty();
        }
        int end = 0;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        String line = new String(head, 0, end, StandardCharsets.ISO_8859_1).trim();
        long id = -1;
        long len = -1;
        long version = -1;
        for (String kv : line.split(",")) {
            int c = kv.indexOf(':');
            if (c <= 0) {
                return Optional.empty();
            }
            String key = kv.substring(0, c);
            if (key.equals("chunk") || key.equals("len") || key.equals("version")) {
                long value;
                try {
                    value = Long.parseLong(kv.substring(c + 1), 16);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                switch (key) {
                    case "chunk" -> id = value;
                    case "len" -> len = value;
                    default -> version = value;
                }
            }
        }
        if (id < 0 || version < 0 || len * BLOCK_SIZE != length) {
            return Optional.empty();
        }
        return Optional.of(new ChunkRecord((int) id, version, position / BLOCK_SIZE, (int) len, serial));
    }

    /** First block after the chunk. */
    long endBlock() {
        return block + blocks;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
