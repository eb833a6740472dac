package io.strata.engine.h2;

import io.strata.storage.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One volume attached to H2 as the file {@code strata:<key>.mv.db}: the writes H2 makes to it, with the
 * store header substituted on the way (research "Fix 1"), and the lock H2 takes on it.
 *
 * <p>Why the header is substituted: when H2 places a chunk where the previous chunk did not predict, it
 * rewrites the store header, but names the <em>previous</em> chunk (its {@code lastChunk} advances only
 * after the chunk write returns). Once chunk space is reused, recovery from such a header cannot reach
 * the newest chunk, and the last acknowledged commit is lost. So, when H2 writes the header, it is made
 * to name the newest chunk whose write has fully returned and whose blocks are still intact. Measured
 * (StoreHeaderFixTest): without it 37 of 150 commit-end cuts lost the last acked commit; with it none.
 *
 * <p>Caveat: if anything called {@code MVStore.rollbackTo(olderVersion)} on the live store, H2 would
 * rewrite the header to an older chunk and the substitution would point it forward again. H2's SQL layer
 * never does (its rollback is to the current version), and nothing here exposes the MVStore.
 *
 * <p>Thread safety: reads may run concurrently with anything. Writes, truncates and the switch from
 * staging to the volume run under {@link #writeLock}.
 */
public final class AttachedVolume {

    private final String key;
    private final Volume volume;
    private final boolean substituteHeaders;
    private final ChunkTracker chunks = new ChunkTracker();
    /** Where H2's file starts on the volume: after the redo region, or 0 on a volume made before it. */
    private final long h2Offset;
    /** The version of the first chunk H2 wrote since attaching, or -1. */
    private volatile long firstChunkVersion = -1;
    /**
     * Serializes every mutation of the file. Why: the tracker must see writes in the order they reach
     * the volume, or a header could name a chunk that a concurrent write is overwriting; and a write
     * must not slip between the copy of the staged file and the switch to the volume.
     */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Where reads and writes go; changes once, from staging to the volume, under {@link #writeLock}. */
    private volatile Backing backing;
    private volatile Backing.Staging staging;
    /** Count of writes and truncates so far; a commit with no new modification needs no new point. */
    private final AtomicLong modifications = new AtomicLong();
    private final AtomicLong headerWrites = new AtomicLong();
    private final AtomicLong chunkWrites = new AtomicLong();
    private final AtomicLong headersBehind = new AtomicLong();
    private final AtomicLong headerSubstitutions = new AtomicLong();
    /** Tells whether the calling thread is inside a commit of the engine; null: not observed. */
    private volatile BooleanSupplier insideCommit;
    private final AtomicLong writesOutsideCommits = new AtomicLong();
    /**
     * Whether H2 has written outside a commit since the engine last stored with statements kept out
     * ({@link #storedWithStatementsOut}): the newest chunk may then hold a statement half done, a state
     * the engine never marks a point at.
     */
    private volatile boolean writtenOutsideCommit;
    /** The channel holding H2's file lock, if any: at most one H2 store may have the file open. */
    private final AtomicReference<FileChannel> lockHolder = new AtomicReference<>();

    AttachedVolume(String key, Volume volume, boolean substituteHeaders) {
        this.key = key;
        this.volume = volume;
        this.substituteHeaders = substituteHeaders;
        this.h2Offset = RedoRegion.h2Offset(volume);
        this.backing = Backing.of(volume, h2Offset);
    }

    /** The H2 database name of this volume, for a JDBC URL: {@code strata:<key>}. */
    public String databaseName() {
        return StrataFilePath.SCHEME + ":" + key;
    }

    public String key() {
        return key;
    }

    public Volume volume() {
        return volume;
    }

    /** Writes and truncates so far. */
    public long modifications() {
        return modifications.get();
    }

    /** Chunks H2 wrote so far (each one store of its maps). */
    public long chunkWrites() {
        return chunkWrites.get();
    }

    /** Store-header writes seen so far. */
    public long headerWrites() {
        return headerWrites.get();
    }

    /** Store-header writes that named an older chunk than the newest complete one (H2's lag). */
    public long headersBehind() {
        return headersBehind.get();
    }

    /** Store-header writes that were rewritten to name the newest complete chunk. */
    public long headerSubstitutions() {
        return headerSubstitutions.get();
    }

    /**
     * Counts, from now on, the writes made by a thread for which {@code insideCommit} is false: H2
     * storing a chunk outside any commit (when its unsaved memory passes its threshold).
     */
    public void observeCommits(BooleanSupplier insideCommit) {
        this.insideCommit = insideCommit;
    }

    /** Writes made outside commits since {@link #observeCommits}. */
    public long writesOutsideCommits() {
        return writesOutsideCommits.get();
    }

    /**
     * The engine stored everything H2 had unsaved while no statement ran: the newest chunk is whole again.
     * Called by the engine's commit gate only, with statements kept out.
     */
    public void storedWithStatementsOut() {
        writtenOutsideCommit = false;
    }

    /**
     * For crash tests that mark points at arbitrary moments: runs {@code mark} between two writes, unless
     * a write H2 made outside a commit is among the newest (then returns empty: the engine never marks a
     * point there, and the next commit stores again with statements kept out).
     */
    public <T> Optional<T> atWriteBoundaryTheEngineCouldMark(java.util.function.Supplier<T> mark) {
        writeLock.lock();
        try {
            return writtenOutsideCommit ? Optional.empty() : Optional.of(mark.get());
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether the volume has a redo region before H2's file (false for volumes made before it existed). */
    public boolean hasRedoRegion() {
        return h2Offset == RedoRegion.SIZE;
    }

    /**
     * The version of the chunk H2 opened from: H2 sets its current version to its newest chunk's when it
     * opens a store, and each store adds one; if H2 stored while opening, that chunk's version less one.
     */
    public long openedChunkVersion(long currentVersion) {
        long first = firstChunkVersion;
        return first >= 0 ? first - 1 : currentVersion;
    }

    /** The redo region's header, if the region has a valid one. */
    public Optional<RedoRegion.Header> readRedoHeader() {
        if (!hasRedoRegion()) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.allocate(RedoRegion.headerLength());
        readRedo(b, 0);
        return RedoRegion.parseHeader(b.flip());
    }

    /** Rewrites the redo region's header; records of other generations no longer count. */
    public void writeRedoHeader(RedoRegion.Header header) {
        writeRegion(RedoRegion.encodeHeader(header), 0);
    }

    /** Writes {@code record} at {@code offset} of the redo region, in one volume write. */
    public void writeRedo(ByteBuffer record, long offset) {
        if (offset < RedoRegion.FIRST_RECORD || offset + record.remaining() > RedoRegion.SIZE) {
            throw new IllegalArgumentException("redo record at " + offset + " does not fit the region");
        }
        writeRegion(record, offset);
    }

    private void writeRegion(ByteBuffer bytes, long offset) {
        if (!hasRedoRegion()) {
            throw new IllegalStateException("this volume has no redo region");
        }
        writeLock.lock();
        try {
            while (bytes.hasRemaining()) {
                offset += volume.write(bytes, offset);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads redo region bytes at {@code offset} into {@code dst} (fewer at the volume's end). */
    public void readRedo(ByteBuffer dst, long offset) {
        while (dst.hasRemaining() && offset < RedoRegion.SIZE) {
            int n = volume.read(dst, offset);
            if (n < 0) {
                break;
            }
            offset += n;
        }
    }

    /** Whether H2 is still creating the database in memory. */
    public boolean isStaging() {
        return staging != null;
    }

    /**
     * Sends H2's writes to memory until {@link #publishStaged()}. Only for an empty volume: the staged
     * file later lands on the volume in one write, so no point can hold a half-created database.
     */
    public void beginStaging() throws IOException {
        writeLock.lock();
        try {
            if (backing.size() != 0) {
                throw new IllegalStateException("volume of " + key + " is not empty; cannot stage its creation");
            }
            staging = new Backing.Staging();
            backing = staging;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Copies the staged file to the volume in one write, after the redo region's first header (naming
     * {@code baseVersion}, the chunk the staged file ends with); later writes go straight to the volume.
     * Both writes are made under the write lock, so no point marked at a write boundary falls between them.
     */
    public void publishStaged(long baseVersion) throws IOException {
        writeLock.lock();
        try {
            Backing.Staging s = staging;
            if (s == null) {
                return;
            }
            if (hasRedoRegion()) {
                writeRegion(RedoRegion.encodeHeader(new RedoRegion.Header(1, baseVersion)), 0);
            }
            Backing target = Backing.of(volume, h2Offset);
            target.write(s.contents(), 0);
            modifications.incrementAndGet();
            backing = target;
            staging = null;
        } finally {
            writeLock.unlock();
        }
    }

    int read(ByteBuffer dst, long position) throws IOException {
        return backing.read(dst, position);
    }

    long size() throws IOException {
        return backing.size();
    }

    /** Writes all of {@code src} at {@code position}, substituting the store header if it is one. */
    int write(ByteBuffer src, long position) throws IOException {
        int length = src.remaining();
        writeLock.lock();
        try {
            long serial = modifications.incrementAndGet();
            BooleanSupplier inside = insideCommit;
            if (inside != null && !inside.getAsBoolean()) {
                writesOutsideCommits.incrementAndGet();
                writtenOutsideCommit = true;
            }
            ByteBuffer out = src;
            if (position == 0 && length == StoreHeader.WRITE_LENGTH) {
                out = substituteHeader(src);
            }
            // Chunks are tracked even with substitution off, to count the headers that lag behind.
            chunks.overwritten(position, length);
            Optional<ChunkRecord> chunk = position >= StoreHeader.WRITE_LENGTH
                    ? ChunkRecord.parseWrite(src, position, serial) : Optional.empty();
            backing.write(out.duplicate(), position);
            src.position(src.limit());
            // Recorded only once the write has returned: a header must never name a chunk in flight.
            if (chunk.isPresent()) {
                if (firstChunkVersion < 0) {
                    firstChunkVersion = chunk.get().version();
                }
                chunks.written(chunk.get());
                chunkWrites.incrementAndGet();
            }
            return length;
        } finally {
            writeLock.unlock();
        }
    }

    void truncate(long newSize) throws IOException {
        writeLock.lock();
        try {
            modifications.incrementAndGet();
            chunks.truncated(newSize);
            backing.truncate(newSize);
        } finally {
            writeLock.unlock();
        }
    }

    private ByteBuffer substituteHeader(ByteBuffer src) {
        Optional<StoreHeader> parsed = StoreHeader.parse(src);
        if (parsed.isEmpty()) {
            return src;
        }
        headerWrites.incrementAndGet();
        StoreHeader header = parsed.get();
        // A clean header is written at close, after the last chunk write returned: it is already exact.
        if (header.clean() || !header.namesChunk()) {
            return src;
        }
        Optional<ChunkRecord> newest = chunks.newest();
        if (newest.isEmpty() || newest.get().version() <= header.version()) {
            return src;
        }
        headersBehind.incrementAndGet();
        if (!substituteHeaders) {
            return src;
        }
        headerSubstitutions.incrementAndGet();
        return header.pointingAt(newest.get()).toWrite();
    }

    /** H2's exclusive lock on the file: null if another channel holds it (H2 then reports it in use). */
    FileLock tryLock(FileChannel channel, long position, long size, boolean shared) {
        if (!lockHolder.compareAndSet(null, channel)) {
            return null;
        }
        return new FileLock(channel, position, size, shared) {
            @Override
            public boolean isValid() {
                return lockHolder.get() == channel && channel.isOpen();
            }

            @Override
            public void release() {
                lockHolder.compareAndSet(channel, null);
            }
        };
    }

    /** Drops the file lock if {@code channel} holds it (the channel is closing). */
    void releaseLock(FileChannel channel) {
        lockHolder.compareAndSet(channel, null);
    }
}
