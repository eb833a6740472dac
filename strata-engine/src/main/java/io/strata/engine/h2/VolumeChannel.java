package io.strata.engine.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import org.h2.store.fs.FileBase;

/**
 * The {@link java.nio.channels.FileChannel} H2 uses for {@code strata:<key>.mv.db}: positional reads
 * and writes on an {@link AttachedVolume}. H2's MVStore uses only positional reads and writes,
 * {@code size}, {@code truncate}, {@code tryLock}, {@code force} and {@code close}; the relative
 * {@code read}/{@code write}/{@code position} calls are kept for completeness.
 *
 * <p>Positional calls are not synchronized: H2 reads pages from many threads at once, and the volume
 * and {@link AttachedVolume} are thread-safe.
 */
final class VolumeChannel extends FileBase {

    private final AttachedVolume file;
    private final boolean readOnly;
    /** Position of the relative calls; guarded by {@code this}. */
    private long position;

    VolumeChannel(AttachedVolume file, boolean readOnly) {
        this.file = file;
        this.readOnly = readOnly;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        return file.read(dst, pos);
    }

    @Override
    public int write(ByteBuffer src, long pos) throws IOException {
        ensureOpen();
        if (readOnly) {
            throw new NonWritableChannelException();
        }
        return file.write(src, pos);
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        int n = write(src, position);
        position += n;
        return n;
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized VolumeChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return file.size();
    }

    @Override
    public synchronized VolumeChannel truncate(long newSize) throws IOException {
        ensureOpen();
        if (readOnly) {
            throw new NonWritableChannelException();
        }
        if (newSize < file.size()) {
            file.truncate(newSize);
        }
        position = Math.min(position, newSize);
        return this;
    }

    /**
     * Nothing to do. H2 calls this only from CHECKPOINT SYNC and close, never per commit; a commit is
     * made durable by the point the engine marks on the volume after it (see io.strata.engine).
     */
    @Override
    public void force(boolean metaData) {
        // intentionally empty
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
        ensureOpen();
        return file.tryLock(this, pos, size, shared);
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) throws IOException {
        FileLock lock = tryLock(pos, size, shared);
        if (lock == null) {
            throw new OverlappingFileLockException();
        }
        return lock;
    }

    @Override
    protected void implCloseChannel() {
        file.releaseLock(this);
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return file.databaseName() + ".mv.db";
    }
}
