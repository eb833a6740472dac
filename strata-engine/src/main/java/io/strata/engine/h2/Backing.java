package io.strata.engine.h2;

import io.strata.storage.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Where the bytes of an attached database file live: on its {@link Volume}, or, while H2 is creating
 * the database, in memory (so that no point on the volume can catch a half-created database).
 * Positional calls follow {@link java.nio.channels.FileChannel} semantics.
 */
interface Backing {

    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes every remaining byte of {@code src}. */
    void write(ByteBuffer src, long position) throws IOException;

    long size() throws IOException;

    void truncate(long newSize) throws IOException;

    /** The volume itself, from {@code offset} on (where H2's file starts, see {@link RedoRegion}). */
    static Backing of(Volume volume, long offset) {
        return new Backing() {
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return volume.read(dst, offset + position);
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                while (src.hasRemaining()) {
                    int n = volume.write(src, offset + position);
                    position += n;
                }
            }

            @Override
            public long size() throws IOException {
                return Math.max(0, volume.size() - offset);
            }

            @Override
            public void truncate(long newSize) throws IOException {
                volume.truncate(offset + newSize);
            }
        };
    }

    /** A growable in-memory file; callers serialize writes (see {@link AttachedVolume}). */
    final class Staging implements Backing {
        private byte[] bytes = new byte[64 * 1024];
        private int size;

        @Override
        public synchronized int read(ByteBuffer dst, long position) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), size - position);
            dst.put(bytes, (int) position, n);
            return n;
        }

        @Override
        public synchronized void write(ByteBuffer src, long position) throws IOException {
            long end = position + src.remaining();
            if (end > Integer.MAX_VALUE - 8) {
                throw new IOException("database too large to create in memory: " + end);
            }
            if (end > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8L, bytes.length * 2L)));
            }
            if (position > size) {
                Arrays.fill(bytes, size, (int) position, (byte) 0);
            }
            int n = src.remaining();
            src.get(bytes, (int) position, n);
            size = (int) Math.max(size, end);
        }

        @Override
        public synchronized long size() {
            return size;
        }

        @Override
        public synchronized void truncate(long newSize) {
            size = (int) Math.min(size, newSize);
        }

        /** The whole file, for the single write that publishes it. */
        synchronized ByteBuffer contents() {
            return ByteBuffer.wrap(Arrays.copyOf(bytes, size));
        }
    }
}
