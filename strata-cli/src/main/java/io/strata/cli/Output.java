package io.strata.cli;

import io.strata.client.wire.Shape;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Prints API results: aligned tables for people, or JSON with the API's field names ({@code --json}). */
final class Output {
    /** Elements whose children are list members (DBClusters holds DBCluster elements). */
    private static final Set<String> LISTS = Set.of("DBClusters", "DBInstances", "DBClusterSnapshots",
            "DBClusterBacktracks", "DBClusterMembers", "TagList");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    private Output() {
    }

    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        line(out, headers, widths);
        rows.forEach(r -> line(out, r, widths));
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        out.println(b.toString().stripTrailing());
    }

    /** Every leaf of one shape as "Name: value" lines (nested shapes indented; tags as "key: value"). */
    static void fields(PrintWriter out, Shape node, String indent) {
        for (Shape c : node.children()) {
            if (c.name().equals("TagList")) {
                out.println(indent + "TagList:" + (c.children().isEmpty() ? " (none)" : ""));
                c.children().forEach(t -> out.println(indent + "  " + t.get("Key") + ": " + t.get("Value")));
            } else if (c.isLeaf()) {
                out.println(indent + c.name() + ": " + c.text());
            } else {
                out.println(indent + c.name() + ":");
                fields(out, c, indent + "  ");
            }
        }
        out.flush();
    }

    /** The result element's content as a JSON object. */
    static void json(PrintWriter out, Shape result) {
        StringBuilder b = new StringBuilder();
        object(b, result);
        out.println(b);
        out.flush();
    }

    private static void value(StringBuilder b, Shape n) {
        if (LISTS.contains(n.name())) {
            b.append('[');
            for (int i = 0; i < n.children().size(); i++) {
                b.append(i == 0 ? "" : ",");
                value(b, n.children().get(i));
            }
            b.append(']');
        } else if (!n.isLeaf()) {
            object(b, n);
        } else if (NUMBER.matcher(n.text()).matches() || n.text().equals("true") || n.text().equals("false")) {
            b.append(n.text());
        } else {
            string(b, n.text());
        }
    }

    private static void object(StringBuilder b, Shape n) {
        b.append('{');
        for (int i = 0; i < n.children().size(); i++) {
            Shape c = n.children().get(i);
            b.append(i == 0 ? "" : ",");
            string(b, c.name());
            b.append(':');
            value(b, c);
        }
        b.append('}');
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        b.append('"');
    }
}
