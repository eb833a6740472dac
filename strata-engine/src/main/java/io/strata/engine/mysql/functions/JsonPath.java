package io.strata.engine.mysql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * MySQL JSON path expressions: a list of steps, each a member name (String), an array index (Integer,
 * -1 for {@code last}) or {@link #ANY} ({@code [*]}, {@code .*}).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/json.html#json-path-syntax">Searching and Modifying JSON Values</a>
 */
final class JsonPath {
    static final Object ANY = new Object();

    private JsonPath() {}

    static List<Object> parse(String path) {
        String p = path.strip();
        if (!p.startsWith("$")) throw new IllegalArgumentException("Invalid JSON path expression: " + path);
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '.') {
                i++;
                if (i < p.length() && p.charAt(i) == '*') {
                    steps.add(ANY);
                    i++;
                } else if (i < p.length() && p.charAt(i) == '"') {
                    int end = p.indexOf('"', i + 1);
                    if (end < 0) throw new IllegalArgumentException("Invalid JSON path expression: " + path);
                    steps.add(p.substring(i + 1, end));
                    i = end + 1;
                } else {
                    int start = i;
                    while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') i++;
                    if (i == start) throw new IllegalArgumentException("Invalid JSON path expression: " + path);
                    steps.add(p.substring(start, i).strip());
                }
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) throw new IllegalArgumentException("Invalid JSON path expression: " + path);
                String idx = p.substring(i + 1, end).strip();
                if (idx.equals("*")) steps.add(ANY);
                else if (idx.equals("last")) steps.add(-1);
                else steps.add(Integer.parseInt(idx));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("Invalid JSON path expression: " + path);
            }
        }
        return steps;
    }

    private static JsonNode step(JsonNode n, Object s) {
        if (s instanceof String key) return n.isObject() ? n.get(key) : null;
        if (s instanceof Integer idx) {
            if (!n.isArray()) return idx == 0 || idx == -1 ? n : null; // MySQL: a scalar is a 1-element array
            int k = idx == -1 ? n.size() - 1 : idx;
            return k >= 0 && k < n.size() ? n.get(k) : null;
        }
        return null;
    }

    static JsonNode find(JsonNode n, List<Object> steps) {
        for (Object s : steps) {
            if (n == null || s == ANY) return null;
            n = step(n, s);
        }
        return n;
    }

    static void collect(JsonNode n, List<Object> steps, int from, List<JsonNode> out) {
        if (n == null) return;
        if (from == steps.size()) {
            out.add(n);
            return;
        }
        Object s = steps.get(from);
        if (s == ANY) {
            for (JsonNode c : n) collect(c, steps, from + 1, out);
        } else {
            collect(step(n, s), steps, from + 1, out);
        }
    }

    /** Sets the value at the path (creating the last member or appending past an array's end). */
    static JsonNode put(JsonNode root, List<Object> steps, JsonNode value, boolean replace, boolean insert) {
        if (steps.isEmpty()) return replace ? value : root;
        JsonNode parent = find(root, steps.subList(0, steps.size() - 1));
        if (parent == null) return root;
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String key && parent.isObject()) {
            boolean exists = parent.has(key);
            if ((exists && replace) || (!exists && insert)) ((ObjectNode) parent).set(key, value);
        } else if (last instanceof Integer idx && parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            int k = idx == -1 ? a.size() - 1 : idx;
            if (k < a.size() && k >= 0) {
                if (replace) a.set(k, value);
            } else if (insert) {
                a.add(value);
            }
        }
        return root;
    }

    static void remove(JsonNode root, List<Object> steps) {
        if (steps.isEmpty()) throw new IllegalArgumentException("The path expression '$' is not allowed in this context.");
        JsonNode parent = find(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (parent instanceof ObjectNode o && last instanceof String key) o.remove(key);
        if (parent instanceof ArrayNode a && last instanceof Integer idx) {
            int k = idx == -1 ? a.size() - 1 : idx;
            if (k >= 0 && k < a.size()) a.remove(k);
        }
    }

    static Iterator<JsonNode> children(JsonNode n) {
        return n.elements();
    }
}
