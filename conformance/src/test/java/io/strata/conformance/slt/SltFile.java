package io.strata.conformance.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The records of one sqllogictest file that apply to MySQL. */
final class SltFile {
    static final String ENGINE = "mysql";

    /** A statement or query record; {@code line} is its 1-based first line in the file. */
    record Record(int line, boolean query, boolean expectError, String types, String sortMode, String sql,
                  List<String> expected, int hashThreshold) {}

    private SltFile() {}

    static List<Record> parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Record> out = new ArrayList<>();
        int threshold = 0;
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            boolean skip = false;
            while (l.startsWith("skipif ") || l.startsWith("onlyif ")) {
                String engine = l.split("\\s+")[1];
                if (l.startsWith("skipif ") && engine.equals(ENGINE)) skip = true;
                if (l.startsWith("onlyif ") && !engine.equals(ENGINE)) skip = true;
                l = lines.get(++i);
            }
            if (l.startsWith("halt")) {
                if (!skip) break;
                i++;
                continue;
            }
            if (l.startsWith("hash-threshold")) {
                threshold = Integer.parseInt(l.split("\\s+")[1]);
                i++;
                continue;
            }
            String[] head = l.split("\\s+");
            i++;
            StringBuilder sql = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) {
                sql.append(sql.length() == 0 ? "" : "\n").append(lines.get(i++));
            }
            List<String> expected = new ArrayList<>();
            if (i < lines.size() && lines.get(i).equals("----")) {
                i++;
                while (i < lines.size() && !lines.get(i).isBlank()) expected.add(lines.get(i++));
            }
            if (skip) continue;
            switch (head[0]) {
                case "statement" -> out.add(new Record(start + 1, false, head.length > 1 && head[1].equals("error"), "",
                        "", sql.toString(), List.of(), threshold));
                case "query" -> out.add(new Record(start + 1, true, false, head.length > 1 ? head[1] : "",
                        head.length > 2 ? head[2] : "nosort", sql.toString(), expected, threshold));
                default -> throw new IOException(file + ":" + (start + 1) + ": unknown record '" + head[0] + "'");
            }
        }
        return out;
    }
}
