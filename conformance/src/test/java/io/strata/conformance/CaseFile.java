package io.strata.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One category of the suite: {@code cases/NAME.sql}, statements each ending with {@code ;} at the end of a
 * line (a statement may span lines); {@code --} lines are comments. Statement numbers start at 1.
 */
record CaseFile(String category, List<String> statements) {

    static CaseFile read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (current.length() == 0 && (l.isEmpty() || l.startsWith("--"))) continue;
            if (current.length() > 0) current.append('\n');
            current.append(line.stripTrailing());
            if (l.endsWith(";")) {
                String st = current.toString().strip();
                out.add(st.substring(0, st.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (current.length() > 0) throw new IOException(file + ": last statement has no ';'");
        return new CaseFile(name, out);
    }

    static List<CaseFile> readAll(Path casesDir) throws IOException {
        List<CaseFile> out = new ArrayList<>();
        try (var files = Files.list(casesDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) out.add(read(p));
        }
        return out;
    }
}
