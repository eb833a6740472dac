package io.strata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of `strata server`'s settings that need more than picocli: the port range and the API keys. */
final class ServerSettings {
    static final String ACCESS_KEY_ENV = "STRATA_API_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "STRATA_API_SECRET_KEY";
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    private ServerSettings() {
    }

    /** The API keys and how to describe them at start (never the secret). Empty keys: the local test/test. */
    record Keys(Map<String, String> keys, String description) {
    }

    /**
     * {@code FIRST-LAST} (both included, 1-65535), or {@code 0} for any free port.
     *
     * @throws IllegalArgumentException with a one-line message saying what to write
     */
    static int[] portRange(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return new int[] {0, 65535};
        }
        Matcher m = RANGE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("--port-range '" + text + "' is not FIRST-LAST: write e.g. 3307-3999 (or 0 for any free port)");
        }
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("--port-range " + text + ": ports must be 1-65535 with FIRST <= LAST, e.g. 3307-3999");
        }
        return new int[] {first, last};
    }

    /**
     * Keys from {@code file} (lines "ACCESS_KEY_ID SECRET_ACCESS_KEY", '#' comments and blank lines skipped) and
     * from STRATA_API_ACCESS_KEY with STRATA_API_SECRET_KEY. Secrets stay out of argv and of the output.
     */
    static Keys apiKeys(Path file, Map<String, String> env) {
        Map<String, String> keys = new LinkedHashMap<>();
        StringBuilder from = new StringBuilder();
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --api-key-file " + file + ": " + e.getMessage());
            }
            int n = 0;
            for (String line : lines) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] w = l.split("\\s+");
                if (w.length != 2) {
                    throw new IllegalArgumentException("--api-key-file " + file + " line " + n
                            + ": write 'ACCESS_KEY_ID SECRET_ACCESS_KEY', one pair a line");
                }
                keys.put(w[0], w[1]);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("--api-key-file " + file + " holds no key: write 'ACCESS_KEY_ID SECRET_ACCESS_KEY' lines");
            }
            from.append("access keys ").append(String.join(", ", keys.keySet())).append(" from ").append(file);
        }
        String id = env.get(ACCESS_KEY_ENV);
        String secret = env.get(SECRET_KEY_ENV);
        if ((id == null || id.isEmpty()) != (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("set both " + ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV + ", or neither");
        }
        if (id != null && !id.isEmpty()) {
            keys.put(id, secret);
            from.append(from.length() == 0 ? "" : "; ").append("access key ").append(id).append(" from ").append(ACCESS_KEY_ENV);
        }
        if (keys.isEmpty()) {
            return new Keys(Map.of(), "access key test, secret key test");
        }
        return new Keys(keys, from.toString());
    }
}
