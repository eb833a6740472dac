package io.strata.storage;

import io.strata.storage.log.LogRecord;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.nio.ByteBuffer;

/**
 * Turns a 4 KiB page into a PAGE record payload and back: an all-zero page is stored as no bytes
 * ({@link LogRecord#FLAG_ZERO_PAGE}); otherwise LZ4 when that saves at least 1/8, else raw.
 */
final class PageCodec {
    static final int PAGE = 4096;
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    record Encoded(int flags, ByteBuffer payload) {
    }

    private PageCodec() {
    }

    static Encoded encode(byte[] page) {
        if (isZero(page)) {
            return new Encoded(LogRecord.FLAG_ZERO_PAGE, ByteBuffer.allocate(0));
        }
        byte[] out = new byte[COMPRESSOR.maxCompressedLength(PAGE)];
        int n = COMPRESSOR.compress(page, 0, PAGE, out, 0, out.length);
        if (n <= PAGE - PAGE / 8) {
            return new Encoded(LogRecord.FLAG_LZ4, ByteBuffer.wrap(out, 0, n));
        }
        return new Encoded(0, ByteBuffer.wrap(page));
    }

    /** Decodes a PAGE payload into {@code page} (4096 bytes). */
    static void decode(int flags, ByteBuffer payload, byte[] page) {
        if ((flags & LogRecord.FLAG_ZERO_PAGE) != 0) {
            java.util.Arrays.fill(page, (byte) 0);
        } else if ((flags & LogRecord.FLAG_LZ4) != 0) {
            byte[] in = new byte[payload.remaining()];
            payload.duplicate().get(in);
            int n = DECOMPRESSOR.decompress(in, 0, in.length, page, 0, PAGE);
            if (n != PAGE) {
                throw new StorageException("page decompressed to " + n + " bytes");
            }
        } else {
            payload.duplicate().get(page, 0, PAGE);
        }
    }

    private static boolean isZero(byte[] page) {
        for (int i = 0; i < page.length; i += 8) {
            if (page[i] != 0 || page[i + 1] != 0 || page[i + 2] != 0 || page[i + 3] != 0
                    || page[i + 4] != 0 || page[i + 5] != 0 || page[i + 6] != 0 || page[i + 7] != 0) {
                return false;
            }
        }
        return true;
    }
}
