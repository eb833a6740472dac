package io.strata.storage;

/**
 * Store-wide settings.
 *
 * @param segmentBytes       a log segment is closed and a new one started once it passes this size
 * @param checkpointEveryBytes the index is checkpointed after this many log bytes, bounding restart replay
 * @param fsync              false only for tests and benchmarks that measure everything but the disk
 * @param gcLiveRatio        GC rewrites a sealed segment whose live bytes fall below this share
 * @param gcInterval         how often the background maintenance thread collects garbage; zero: only on demand
 */
public record StoreOptions(long segmentBytes, long checkpointEveryBytes, boolean fsync, double gcLiveRatio,
                           java.time.Duration gcInterval) {
    public StoreOptions {
        if (segmentBytes < 1 << 16 || segmentBytes > 1L << 28) {
            // A record's location packs its offset in 28 bits (see log.Loc): segments hold at most 256 MiB.
            throw new IllegalArgumentException("segmentBytes must be between 64 KiB and 256 MiB: " + segmentBytes);
        }
        if (checkpointEveryBytes <= 0) {
            throw new IllegalArgumentException("checkpointEveryBytes must be positive");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(64L << 20, 256L << 20, true, 0.5, java.time.Duration.ofMinutes(1));
    }

    public StoreOptions withSegmentBytes(long bytes) {
        return new StoreOptions(bytes, checkpointEveryBytes, fsync, gcLiveRatio, gcInterval);
    }

    public StoreOptions withCheckpointEveryBytes(long bytes) {
        return new StoreOptions(segmentBytes, bytes, fsync, gcLiveRatio, gcInterval);
    }

    public StoreOptions withFsync(boolean on) {
        return new StoreOptions(segmentBytes, checkpointEveryBytes, on, gcLiveRatio, gcInterval);
    }

    public StoreOptions withGcInterval(java.time.Duration interval) {
        return new StoreOptions(segmentBytes, checkpointEveryBytes, fsync, gcLiveRatio, interval);
    }
}
