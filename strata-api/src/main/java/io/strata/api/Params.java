package io.strata.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parameters of one Query-protocol request (form body and query string), with typed, checked getters. */
final class Params {
    private static final Pattern FILTER_NAME = Pattern.compile("Filters\\.(?:Filter\\.)?(\\d+)\\.Name");
    /** A tag's key as the Query protocol numbers list members: Tags.Tag.N.Key (the AWS SDKs) or Tags.member.N.Key. */
    private static final Pattern TAG_KEY = Pattern.compile("Tags\\.(Tag|member)\\.(\\d+)\\.Key");
    private static final Pattern TAG_KEY_NAME = Pattern.compile("TagKeys\\.(?:member|TagKey)\\.(\\d+)");
    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = values;
    }

    /** Parses application/x-www-form-urlencoded text; later duplicates win. */
    static Params parse(String... encoded) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : encoded) {
            if (e == null || e.isEmpty()) {
                continue;
            }
            for (String pair : e.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    m.put(k, v);
                } catch (IllegalArgumentException ex) {
                    throw ApiError.invalidParameter("Malformed form encoding in the request body.");
                }
            }
        }
        return new Params(m);
    }

    String string(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String name) {
        String v = string(name);
        if (v == null) {
            throw ApiError.missingParameter(name);
        }
        return v;
    }

    boolean bool(String name) {
        Boolean b = optionalBool(name);
        return b != null && b;
    }

    Boolean optionalBool(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw ApiError.invalidParameter("Invalid boolean for " + name + ": '" + v + "' (use true or false).");
    }

    Long optionalLong(String name) {
        String v = string(name);
        try {
            return v == null ? null : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter("Invalid number for " + name + ": '" + v + "'.");
        }
    }

    Integer optionalInt(String name) {
        Long v = optionalLong(name);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw ApiError.invalidParameter("Number out of range for " + name + ": " + v + ".");
        }
        return v == null ? null : v.intValue();
    }

    /** ISO-8601 with an offset ("2024-05-01T12:00:00Z", "...+02:00"). */
    Instant optionalTime(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter("Invalid timestamp for " + name + ": '" + v
                    + "'. Use ISO-8601 in UTC, e.g. 2024-05-01T12:00:00Z.");
        }
    }

    /** The tags given as Tags.Tag.N.Key / Tags.Tag.N.Value, in N order (a key without a value has value ""). */
    Map<String, String> tags() {
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = TAG_KEY.matcher(e.getKey());
            if (m.matches()) {
                String value = values.get("Tags." + m.group(1) + "." + m.group(2) + ".Value");
                byIndex.put(Integer.parseInt(m.group(2)), new String[] {e.getValue(), value == null ? "" : value});
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        byIndex.values().forEach(kv -> out.put(kv[0], kv[1]));
        return out;
    }

    /** The keys given as TagKeys.member.N, in N order. */
    List<String> tagKeys() {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = TAG_KEY_NAME.matcher(e.getKey());
            if (m.matches()) {
                byIndex.put(Integer.parseInt(m.group(1)), e.getValue());
            }
        }
        return List.copyOf(byIndex.values());
    }

    /** The first value of the filter named {@code filterName} (Filters.Filter.N.Name / .Values.Value.1). */
    String filter(String filterName) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = FILTER_NAME.matcher(e.getKey());
            if (m.matches() && filterName.equals(e.getValue())) {
                String prefix = e.getKey().substring(0, e.getKey().length() - "Name".length());
                String v = values.get(prefix + "Values.Value.1");
                return v != null ? v : values.get(prefix + "Values.1");
            }
        }
        return null;
    }
}
