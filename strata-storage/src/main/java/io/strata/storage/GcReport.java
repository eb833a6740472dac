package io.strata.storage;

/** What one garbage collection did. */
public record GcReport(int pointsExpired, int timelinesDropped, long versionsDropped, int segmentsRewritten,
                       long bytesCopied, long bytesFreed) {
}
