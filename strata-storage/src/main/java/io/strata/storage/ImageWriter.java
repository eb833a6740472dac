package io.strata.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A growable big-endian byte image with {@link java.io.DataOutput}'s encodings of the few types a
 * {@link Checkpoint} holds, written straight into one array: the checkpoint of a 10 GiB volume holds millions
 * of page versions, encoded while writers wait, so no stream layers (and their locks) per value.
 *
 * <p>Not thread-safe: one encoder owns it.
 */
final class ImageWriter {
    private ByteBuffer buf;

    ImageWriter(int initialCapacity) {
        buf = ByteBuffer.allocate(Math.max(64, initialCapacity));
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            int need = buf.position() + more;
            long grown = Math.max(need, (long) buf.capacity() * 2);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("checkpoint image over 2 GiB");
            }
            ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(buf.array(), (int) grown));
            b.position(buf.position());
            buf = b;
        }
    }

    void writeLong(long v) {
        ensure(8);
        buf.putLong(v);
    }

    void writeInt(int v) {
        ensure(4);
        buf.putInt(v);
    }

    /** As {@link DataOutputStream#writeUTF}: a 2-byte length, then modified UTF-8. */
    void writeUTF(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(2 + s.length());
        try (DataOutputStream d = new DataOutputStream(b)) {
            d.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] bytes = b.toByteArray();
        ensure(bytes.length);
        buf.put(bytes);
    }

    /** The bytes written, followed by their CRC-32C (4 bytes). */
    byte[] toArrayWithCrc() {
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        writeInt((int) crc.getValue());
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
