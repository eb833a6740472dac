package io.strata.storage;

/**
 * Stored bytes (after compression, with record headers) a volume reaches from its retained points:
 * {@code exclusiveBytes} only it reaches (what deleting it would free, what a clone costs), {@code sharedBytes}
 * it reaches together with at least one other volume.
 */
public record SpaceUsage(long exclusiveBytes, long sharedBytes) {
    public long totalBytes() {
        return exclusiveBytes + sharedBytes;
    }
}
