package io.strata.client;

import java.util.Locale;

/** A DB cluster snapshot identifier, lower case as RDS stores it. */
public record SnapshotId(String value) {
    public SnapshotId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a snapshot identifier must not be blank");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
    }

    public static SnapshotId of(String value) {
        return new SnapshotId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
