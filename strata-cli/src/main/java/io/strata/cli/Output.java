package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    /** The result element's content as one line of JSON: lists as arrays, numbers and booleans unquoted. */
    static void json(PrintWriter out, Shape result) {
        try {
            out.println(JSON.writeValueAsString(object(result)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    static ObjectNode object(Shape n) {
        ObjectNode o = NODES.objectNode();
        for (Shape c : n.children()) {
            o.set(c.name(), value(c));
        }
        return o;
    }

    private static JsonNode value(Shape n) {
        if (LISTS.contains(n.name())) {
            ArrayNode a = NODES.arrayNode();
            n.children().forEach(c -> a.add(value(c)));
            return a;
        }
        if (!n.isLeaf()) {
            return object(n);
        }
        String t = n.text();
        if (NUMBER.matcher(t).matches()) {
            return NODES.numberNode(Long.parseLong(t));
        }
        if (t.equals("true") || t.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(t));
        }
        return NODES.textNode(t);
    }
}
