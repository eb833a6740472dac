package io.strata.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RDS identifier rules: 1 to 63 letters, digits or hyphens; first a letter; no two consecutive hyphens, no
 * trailing hyphen. Identifiers are stored in lower case, as RDS does.
 */
final class Identifiers {
    private static final Pattern VALID = Pattern.compile("[a-z](?:[a-z0-9]|-(?!-))*");

    private Identifiers() {
    }

    static String check(String what, String id) {
        if (id == null || id.isBlank()) {
            throw Fault.MISSING_PARAMETER.error("The parameter " + what + " must be provided and must not be blank.");
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.length() > 63 || !VALID.matcher(lower).matches() || lower.endsWith("-")) {
            throw Fault.INVALID_PARAMETER_VALUE.error("The parameter " + what + " is not a valid identifier: '" + id
                    + "'. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens;"
                    + " and must not end with a hyphen or contain two consecutive hyphens.");
        }
        return lower;
    }

    /** Lower-cases an identifier used only to look something up (an unknown one is simply not found). */
    static String lookup(String what, String id) {
        if (id == null || id.isBlank()) {
            throw Fault.MISSING_PARAMETER.error("The parameter " + what + " must be provided and must not be blank.");
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
