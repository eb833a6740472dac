package io.strata.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The listed differences, {@code differences.tsv}: one per line, {@code CATEGORY:N <TAB> statement start
 * <TAB> reason}; {@code #} lines are comments. The statement start (at least its first 20 characters) must
 * match the case file, so an entry cannot silently drift to another statement. Each entry is mirrored in
 * docs/mysql-compatibility.md.
 */
record Differences(Map<String, String[]> entries) {

    static Differences read(Path file) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 3) throw new IOException(file + ": not 3 tab-separated fields: " + line);
            if (out.put(f[0], new String[] {f[1], f[2]}) != null) throw new IOException(file + ": duplicate " + f[0]);
        }
        return new Differences(out);
    }

    boolean listed(String id) {
        return entries.containsKey(id);
    }

    /** Null if the entry's statement start matches, else why not. */
    String mismatch(String id, String statement) {
        String start = entries.get(id)[0];
        if (start.length() < 20 && statement.length() >= 20) return id + ": statement start too short in differences.tsv";
        return Suite.oneLine(statement).startsWith(start) ? null
                : id + ": differences.tsv names '" + start + "' but the statement is '" + Suite.oneLine(statement) + "'";
    }
}
