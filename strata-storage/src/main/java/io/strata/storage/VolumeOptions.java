package io.strata.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-volume settings. {@code retention} is the backtrack / point-in-time window: points older than it may
 * be reclaimed by GC unless pinned. {@link Duration#ZERO} keeps only the latest point.
 */
public record VolumeOptions(Duration retention) {
    /** Aurora's maximum backtrack window; Strata allows more, this is only the default ceiling for callers. */
    public static final Duration AURORA_MAX_WINDOW = Duration.ofHours(72);

    public VolumeOptions {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
    }

    public static VolumeOptions defaults() {
        return new VolumeOptions(Duration.ofHours(24));
    }

    public static VolumeOptions withRetention(Duration retention) {
        return new VolumeOptions(retention);
    }
}
