package io.strata.client;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and durations as people write them (the CLI, ENV.yaml, annotations): times in ISO-8601
 * ("2024-05-01T12:00:00Z"), "now", or relative to now ("-5m", "-90s", "-2h", "-1d"); durations as seconds
 * ("3600") or with a unit ("90s", "30m", "24h", "3d").
 */
public final class Times {
    private static final Pattern RELATIVE = Pattern.compile("-(\\d+)(ms|s|m|h|d)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h|d)?");

    private Times() {
    }

    /** A duration in seconds: plain seconds ("3600") or with a unit ("90m", "24h", "3d"). */
    public static long seconds(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the duration '" + text + "': use seconds (3600) or 90m, 24h, 3d");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86_400;
            default -> n;
        };
    }

    public static Instant parse(String text, Instant now) {
        String t = text.trim();
        if (t.equals("now")) {
            return now;
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read the time '" + text
                    + "': use ISO-8601 like 2024-05-01T12:00:00Z, 'now', or relative like -5m, -90s, -2h, -1d");
        }
    }
}
