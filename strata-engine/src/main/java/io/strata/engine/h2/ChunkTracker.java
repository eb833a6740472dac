package io.strata.engine.h2;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chunks written to one volume in this session whose blocks have not been overwritten since.
 *
 * <p>Invariant: every record in {@link #byBlock} describes bytes that are, right now, exactly what H2
 * wrote as that chunk; a write or truncate that touches any of its blocks removes it first.
 *
 * <p>Not thread-safe: the owning {@link AttachedVolume} calls it under its write lock.
 */
final class ChunkTracker {

    /** Intact chunks by first block; chunks never overlap each other. */
    private final TreeMap<Long, ChunkRecord> byBlock = new TreeMap<>();
    /** The same chunks, oldest first: version, then write serial. */
    private final TreeSet<ChunkRecord> byAge = new TreeSet<>(
            Comparator.comparingLong(ChunkRecord::version).thenComparingLong(ChunkRecord::serial));

    /** Forgets every chunk that overlaps bytes [position, position + length). */
    void overwritten(long position, long length) {
        if (length <= 0) {
            return;
        }
        long first = position / ChunkRecord.BLOCK_SIZE;
        long end = (position + length + ChunkRecord.BLOCK_SIZE - 1) / ChunkRecord.BLOCK_SIZE;
        Map.Entry<Long, ChunkRecord> before = byBlock.lowerEntry(first);
        if (before != null && before.getValue().endBlock() > first) {
            byAge.remove(byBlock.remove(before.getKey()));
        }
        SortedMap<Long, ChunkRecord> hit = byBlock.subMap(first, true, end, false);
        hit.values().forEach(byAge::remove);
        hit.clear();
    }

    /** Forgets every chunk that reaches past {@code newSize}. */
    void truncated(long newSize) {
        overwritten(newSize, Long.MAX_VALUE / 2 - newSize);
    }

    /** Records a chunk whose write has returned. */
    void written(ChunkRecord chunk) {
        overwritten(chunk.block() * ChunkRecord.BLOCK_SIZE, (long) chunk.blocks() * ChunkRecord.BLOCK_SIZE);
        byBlock.put(chunk.block(), chunk);
        byAge.add(chunk);
    }

    /** The newest intact chunk, if any. */
    Optional<ChunkRecord> newest() {
        return byAge.isEmpty() ? Optional.empty() : Optional.of(byAge.last());
    }

    int size() {
        return byBlock.size();
    }
}
