package io.strata.client;

import java.util.Locale;

/**
 * A DB cluster identifier, lower case as RDS stores it. The API checks the rules (1 to 63 letters, digits or
 * hyphens, first a letter); this type only keeps ids from being mixed up with other strings.
 */
public record ClusterId(String value) {
    public ClusterId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a cluster identifier must not be blank");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
    }

    public static ClusterId of(String value) {
        return new ClusterId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
