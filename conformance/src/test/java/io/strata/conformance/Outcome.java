package io.strata.conformance;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one statement answered, in the text form stored in {@code expected/*.txt}:
 *
 * <pre>
 * == 12
 * SELECT 7/2
 * types: DECIMAL
 * 3.5000
 * </pre>
 *
 * or {@code ok N} (an update count) or {@code error CODE}. A result row is its values' {@code getString}
 * joined by tabs (NULL as {@code NULL}, tabs and newlines escaped). Two outcomes match when the errors have
 * the same code, the update counts are equal, or the rows are equal and each column's type is of the same
 * {@link #typeClass class}: integer, decimal, float, string, binary, date, time, datetime, year, null. Classes,
 * not names, because MariaDB and MySQL 8 size the same expression differently (INT vs BIGINT for
 * {@code SELECT 1}), which no application can tell apart through a driver's getters.
 */
record Outcome(String kind, List<String> types, List<String> rows, String detail) {

    static Outcome of(Statement st, String sql) {
        try {
            boolean rs = st.execute(sql);
            if (!rs) return new Outcome("ok", List.of(), List.of(), Long.toString(Math.max(0, st.getLargeUpdateCount())));
            try (ResultSet r = st.getResultSet()) {
                ResultSetMetaData md = r.getMetaData();
                int n = md.getColumnCount();
                List<String> types = new ArrayList<>();
                for (int i = 1; i <= n; i++) types.add(md.getColumnTypeName(i).replace(' ', '_'));
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        String v = r.getString(i);
                        if (i > 1) sb.append('\t');
                        sb.append(v == null ? "NULL" : v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
                    }
                    rows.add(sb.toString());
                }
                return new Outcome("rows", types, rows, "");
            }
        } catch (SQLException e) {
            return new Outcome("error", List.of(), List.of(), Integer.toString(e.getErrorCode()));
        }
    }

    /** The class of a Connector/J column type name. */
    static String typeClass(String typeName) {
        String t = typeName.toUpperCase(Locale.ROOT).replace("_UNSIGNED", "");
        return switch (t) {
            case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "BIT", "BOOLEAN" -> "integer";
            case "DECIMAL", "NUMERIC" -> "decimal";
            case "FLOAT", "DOUBLE", "REAL" -> "float";
            case "DATE" -> "date";
            case "TIME" -> "time";
            case "DATETIME", "TIMESTAMP" -> "datetime";
            case "YEAR" -> "year";
            case "NULL" -> "null";
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "GEOMETRY" -> "binary";
            default -> "string"; // CHAR, VARCHAR, *TEXT, JSON, ENUM, SET
        };
    }

    boolean matches(Outcome expected) {
        if (!kind.equals(expected.kind)) return false;
        if (!kind.equals("rows")) return detail.equals(expected.detail);
        if (!rows.equals(expected.rows) || types.size() != expected.types.size()) return false;
        for (int i = 0; i < types.size(); i++) {
            String mine = typeClass(types.get(i)), theirs = typeClass(expected.types.get(i));
            // a NULL literal column has no type to speak of in either server
            if (!mine.equals(theirs) && !mine.equals("null") && !theirs.equals("null")) return false;
        }
        return true;
    }

    /** The stored text form (without the header line). */
    String render() {
        return switch (kind) {
            case "ok" -> "ok " + detail + "\n";
            case "error" -> "error " + detail + "\n";
            default -> {
                StringBuilder sb = new StringBuilder("types: ").append(String.join(" ", types)).append('\n');
                for (String r : rows) sb.append(r).append('\n');
                yield sb.toString();
            }
        };
    }

    /** Parses {@link #render()} output. */
    static Outcome parse(List<String> lines) {
        String first = lines.get(0);
        if (first.startsWith("ok ")) return new Outcome("ok", List.of(), List.of(), first.substring(3));
        if (first.startsWith("error ")) return new Outcome("error", List.of(), List.of(), first.substring(6));
        if (!first.startsWith("types:")) throw new IllegalArgumentException("bad outcome: " + first);
        String t = first.substring(6).strip();
        List<String> types = t.isEmpty() ? List.of() : List.of(t.split(" "));
        return new Outcome("rows", types, List.copyOf(lines.subList(1, lines.size())), "");
    }
}
