package io.strata.control;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags, and the one tag with a meaning: {@value #TAG}, a cluster's time-to-live. Its value is seconds
 * ({@code 3600}) or a number with a unit ({@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}); the control plane
 * turns it into an absolute expiry when the tag is given and shows that as {@value #EXPIRES_TAG}.
 */
final class Ttl {
    static final String TAG = "strata:ttl";
    static final String EXPIRES_TAG = "strata:expires-at";
    /** RDS allows 50 tags per resource. */
    static final int MAX_TAGS = 50;
    static final Duration MAX = Duration.ofDays(3650);
    private static final Pattern VALUE = Pattern.compile("(\\d{1,12})([smhd]?)");

    private Ttl() {
    }

    /** The duration a {@value #TAG} value stands for, or an InvalidParameterValue error saying how to write it. */
    static Duration parse(String value) {
        Matcher m = VALUE.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw bad(value, "");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw bad(value, " It must be at least 1 second and at most 3650 days.");
        }
        return d;
    }

    private static ControlException bad(String value, String why) {
        return Fault.INVALID_PARAMETER_VALUE.error("Invalid value '" + value + "' for tag " + TAG + ": use seconds"
                + " (3600) or a whole number with s, m, h or d (90s, 30m, 2h, 1d)." + why);
    }

    /** Checks tags a client gives (keys, lengths, the TTL's value, the read-only expiry); returns them in order. */
    static Map<String, String> check(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null) {
            return out;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String key = t.getKey();
            String value = t.getValue() == null ? "" : t.getValue();
            if (key == null || key.isEmpty() || key.length() > 128 || value.length() > 256) {
                throw Fault.INVALID_PARAMETER_VALUE.error("Invalid tag '" + key + "': keys are 1 to 128 characters,"
                        + " values at most 256.");
            }
            if (key.startsWith("aws:")) {
                throw Fault.INVALID_PARAMETER_VALUE.error("Tag keys may not begin with aws: ('" + key + "').");
            }
            if (key.equals(EXPIRES_TAG)) {
                throw Fault.INVALID_PARAMETER_VALUE.error("The tag " + EXPIRES_TAG + " is set by Strata from "
                        + TAG + "; give " + TAG + " instead.");
            }
            if (key.equals(TAG)) {
                parse(value);
            }
            out.put(key, value);
        }
        if (out.size() > MAX_TAGS) {
            throw Fault.INVALID_PARAMETER_VALUE.error("A resource can have at most " + MAX_TAGS + " tags; got " + out.size() + ".");
        }
        return out;
    }

    /** The expiry the tags set when given at {@code now}, or null without a {@value #TAG} tag. */
    static Instant expiry(Map<String, String> tags, Instant now) {
        String v = tags.get(TAG);
        return v == null ? null : now.plus(parse(v));
    }

    /** A TTL and deletion protection contradict each other: refuse the pair rather than pick one. */
    static void checkNotProtected(Instant expiresAt, boolean deletionProtection, String clusterId) {
        if (expiresAt != null && deletionProtection) {
            throw Fault.INVALID_PARAMETER_COMBINATION.error("DB cluster " + clusterId + " cannot have both deletion"
                    + " protection and a " + TAG + " tag: the server could not delete it when it expires.");
        }
    }
}
