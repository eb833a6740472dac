package io.strata.storage;

/**
 * Store-wide settings.
 *
 * @param segmentBytes       a log segment is closed and a new one started once it passes this size
 * @param checkpointEveryBytes the index is checkpointed after this many log bytes, bounding restart replay
 * @param fsync              false only for tests and benchmarks that measure everything but the disk
 * @param gcLiveRatio        GC rewrites a sealed segment whose live bytes fall below this share
 */
public record StoreOptions(long segmentBytes, long checkpointEveryBytes, boolean fsync, double gcLiveRatio) {
    public StoreOptions {
        if (segmentBytes < 1 << 16 || segmentBytes > (1L << 32) - (1 << 20)) {
            throw new IllegalArgumentException("segmentBytes out of range: " + segmentBytes);
        }
        if (checkpointEveryBytes <= 0) {
            throw new IllegalArgumentException("checkpointEveryBytes must be positive");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(64L << 20, 1L << 30, true, 0.5);
    }

    public StoreOptions withSegmentBytes(long bytes) {
        return new StoreOptions(bytes, checkpointEveryBytes, fsync, gcLiveRatio);
    }

    public StoreOptions withCheckpointEveryBytes(long bytes) {
        return new StoreOptions(segmentBytes, bytes, fsync, gcLiveRatio);
    }

    public StoreOptions withFsync(boolean on) {
        return new StoreOptions(segmentBytes, checkpointEveryBytes, on, gcLiveRatio);
    }
}
