package io.strata.engine.mysql.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.h2.value.Value;
import org.h2.value.ValueJson;
import org.h2.value.ValueNull;

/**
 * MySQL's JSON functions over JSON text. Functions returning JSON return its text; the rewrite wraps them in
 * {@code CAST(... FORMAT JSON AS JSON)} so H2 types the column JSON and nested calls embed it as JSON, not as
 * a string. Arguments arrive as H2 values so a JSON argument can be told from a string.
 *
 * <p>Paths: {@code $}, {@code .key}, {@code ."key"}, {@code [n]}, {@code [last]}, {@code [*]} and {@code .*}
 * (wildcards only in JSON_EXTRACT); {@code **} is not supported (NULL).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/json-function-reference.html">JSON Function Reference</a>
 */
public final class JsonFunctions {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonFunctions() {}

    /** MySQL's text form of a JSON value: {@code {"a": 1, "b": [1, 2]}} (a space after ':' and ','). */
    public static String print(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        print(n, sb);
        return sb.toString();
    }

    private static void print(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) sb.append(", ");
                first = false;
                sb.append(NODES.textNode(e.getKey())).append(": ");
                print(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) sb.append(", ");
                print(n.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(n.toString());
        }
    }

    /** Reformats JSON text as MySQL prints it; the text itself if it does not parse. */
    public static String normalize(String json) {
        if (json == null) return null;
        try {
            return print(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    static JsonNode parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null) throw new IllegalArgumentException("Invalid JSON text: empty document");
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON text in argument 1: \"" + e.getOriginalMessage() + "\"");
        }
    }

    /** A SQL value as a JSON node: JSON values embedded, strings quoted, numbers as numbers, NULL as null. */
    static JsonNode node(Value v) {
        if (v == null || v == ValueNull.INSTANCE) return NODES.nullNode();
        if (v instanceof ValueJson j) return parse(j.getString());
        return switch (v.getValueType()) {
            case Value.BOOLEAN -> NODES.booleanNode(v.getBoolean());
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT -> NODES.numberNode(v.getLong());
            case Value.NUMERIC, Value.DECFLOAT -> NODES.numberNode(v.getBigDecimal());
            case Value.REAL, Value.DOUBLE -> NODES.numberNode(v.getDouble());
            default -> NODES.textNode(v.getString());
        };
    }

    private static boolean isNull(Value v) {
        return v == null || v == ValueNull.INSTANCE;
    }

    /** JSON_OBJECT(key, value, ...). */
    public static String object(Value... kv) {
        if (kv.length % 2 != 0) throw new IllegalArgumentException("Incorrect parameter count in the call to native function 'json_object'");
        ObjectNode o = NODES.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            if (isNull(kv[i])) throw new IllegalArgumentException("JSON documents may not contain NULL member names.");
            o.set(kv[i].getString(), node(kv[i + 1]));
        }
        return print(o);
    }

    /** JSON_ARRAY(value, ...). */
    public static String array(Value... values) {
        ArrayNode a = NODES.arrayNode();
        for (Value v : values) a.add(node(v));
        return print(a);
    }

    /** JSON_QUOTE(str). */
    public static String quote(String s) {
        return s == null ? null : NODES.textNode(s).toString();
    }

    /** JSON_VALID(val): 1 if it parses as JSON, 0 if not, NULL for NULL. */
    public static Long valid(Value v) {
        if (isNull(v)) return null;
        if (v instanceof ValueJson) return 1L;
        try {
            return MAPPER.readTree(v.getString()) == null ? 0L : 1L;
        } catch (JsonProcessingException e) {
            return 0L;
        }
    }

    private static JsonNode doc(Value v) {
        return isNull(v) ? null : v instanceof ValueJson j ? parse(j.getString()) : parse(v.getString());
    }

    /** JSON_EXTRACT(doc, path, ...): the value at the path; an array of matches for wildcards or several paths. */
    public static String extract(Value doc, String... paths) {
        JsonNode d = doc(doc);
        if (d == null || paths.length == 0) return null;
        List<JsonNode> found = new ArrayList<>();
        boolean wildcard = paths.length > 1;
        for (String p : paths) {
            if (p == null) return null;
            List<Object> steps = JsonPath.parse(p);
            wildcard |= steps.contains(JsonPath.ANY);
            JsonPath.collect(d, steps, 0, found);
        }
        if (found.isEmpty()) return null;
        if (!wildcard) return print(found.get(0));
        ArrayNode a = NODES.arrayNode();
        found.forEach(a::add);
        return print(a);
    }

    /** JSON_UNQUOTE(val): a JSON string's contents, anything else as its text. */
    public static String unquote(Value v) {
        if (isNull(v)) return null;
        String s = v.getString();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            try {
                return MAPPER.readTree(s).asText();
            } catch (JsonProcessingException e) {
                return s;
            }
        }
        return v instanceof ValueJson ? normalize(s) : s;
    }

    /** JSON_LENGTH(doc[, path]). */
    public static Long length(Value doc, String... path) {
        JsonNode d = doc(doc);
        if (d == null) return null;
        if (path.length > 0) {
            d = JsonPath.find(d, JsonPath.parse(path[0]));
            if (d == null) return null;
        }
        return d.isContainerNode() ? d.size() : 1L;
    }

    /** JSON_DEPTH(doc). */
    public static Long depth(Value doc) {
        JsonNode d = doc(doc);
        return d == null ? null : depth(d);
    }

    private static long depth(JsonNode n) {
        long max = 0;
        for (JsonNode c : n) max = Math.max(max, depth(c));
        return n.isContainerNode() && n.size() > 0 ? max + 1 : 1;
    }

    /** JSON_TYPE(val): OBJECT, ARRAY, INTEGER, DECIMAL, DOUBLE, STRING, BOOLEAN, NULL. */
    public static String type(Value v) {
        JsonNode d = doc(v);
        if (d == null) return null;
        if (d.isObject()) return "OBJECT";
        if (d.isArray()) return "ARRAY";
        if (d.isIntegralNumber()) return "INTEGER";
        if (d.isBigDecimal()) return "DECIMAL";
        if (d.isNumber()) return "DOUBLE";
        if (d.isTextual()) return "STRING";
        if (d.isBoolean()) return "BOOLEAN";
        return "NULL";
    }

    /** JSON_KEYS(doc[, path]): the object's keys as an array; NULL if not an object. */
    public static String keys(Value doc, String... path) {
        JsonNode d = doc(doc);
        if (d != null && path.length > 0) d = JsonPath.find(d, JsonPath.parse(path[0]));
        if (d == null || !d.isObject()) return null;
        ArrayNode a = NODES.arrayNode();
        d.fieldNames().forEachRemaining(a::add);
        return print(a);
    }

    /** JSON_CONTAINS(target, candidate[, path]). */
    public static Long contains(Value target, Value candidate, String... path) {
        JsonNode t = doc(target), c = doc(candidate);
        if (t == null || c == null) return null;
        if (path.length > 0) {
            t = JsonPath.find(t, JsonPath.parse(path[0]));
            if (t == null) return null;
        }
        return contains(t, c) ? 1L : 0L;
    }

    private static boolean contains(JsonNode t, JsonNode c) {
        if (t.isArray()) {
            if (c.isArray()) {
                for (JsonNode x : c) if (!contains(t, x)) return false;
                return true;
            }
            for (JsonNode x : t) if (contains(x, c)) return true;
            return false;
        }
        if (t.isObject()) {
            if (!c.isObject()) return false;
            Iterator<Map.Entry<String, JsonNode>> it = c.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = t.get(e.getKey());
                if (v == null || !contains(v, e.getValue())) return false;
            }
            return true;
        }
        return t.isNumber() && c.isNumber() ? t.decimalValue().compareTo(c.decimalValue()) == 0 : t.equals(c);
    }

    /** JSON_CONTAINS_PATH(doc, 'one'|'all', path, ...). */
    public static Long containsPath(Value doc, String mode, String... paths) {
        JsonNode d = doc(doc);
        if (d == null || mode == null) return null;
        boolean all = mode.equalsIgnoreCase("all");
        for (String p : paths) {
            boolean has = JsonPath.find(d, JsonPath.parse(p)) != null;
            if (all && !has) return 0L;
            if (!all && has) return 1L;
        }
        return all ? 1L : 0L;
    }

    /** JSON_SET(doc, path, val, ...): replaces or inserts. */
    public static String set(Value doc, Value... pv) {
        return modify(doc, pv, true, true);
    }

    /** JSON_INSERT(doc, path, val, ...): inserts only where nothing is. */
    public static String insert(Value doc, Value... pv) {
        return modify(doc, pv, false, true);
    }

    /** JSON_REPLACE(doc, path, val, ...): replaces only what is there. */
    public static String replace(Value doc, Value... pv) {
        return modify(doc, pv, true, false);
    }

    private static String modify(Value doc, Value[] pv, boolean replace, boolean insert) {
        JsonNode d = doc(doc);
        if (d == null) return null;
        for (int i = 0; i + 1 < pv.length; i += 2) {
            if (isNull(pv[i])) return null;
            d = JsonPath.put(d, JsonPath.parse(pv[i].getString()), node(pv[i + 1]), replace, insert);
        }
        return print(d);
    }

    /** JSON_REMOVE(doc, path, ...). */
    public static String remove(Value doc, String... paths) {
        JsonNode d = doc(doc);
        if (d == null) return null;
        for (String p : paths) {
            if (p == null) return null;
            JsonPath.remove(d, JsonPath.parse(p));
        }
        return print(d);
    }

    /** JSON_ARRAY_APPEND(doc, path, val, ...). */
    public static String arrayAppend(Value doc, Value... pv) {
        JsonNode d = doc(doc);
        if (d == null) return null;
        for (int i = 0; i + 1 < pv.length; i += 2) {
            List<Object> steps = JsonPath.parse(pv[i].getString());
            JsonNode target = JsonPath.find(d, steps);
            if (target == null) continue;
            if (target.isArray()) {
                ((ArrayNode) target).add(node(pv[i + 1]));
            } else {
                ArrayNode wrapped = NODES.arrayNode().add(target.deepCopy()).add(node(pv[i + 1]));
                d = steps.isEmpty() ? wrapped : JsonPath.put(d, steps, wrapped, true, false);
            }
        }
        return print(d);
    }
}
