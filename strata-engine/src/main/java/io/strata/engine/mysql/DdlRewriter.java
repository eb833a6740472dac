package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Index names: MySQL scopes them per table (every dumped table may have {@code KEY `user_id`}), H2 per
 * schema. Index and unique-constraint names are therefore stored in H2 as {@code table$name}
 * ({@link #mangle}) and shown without the prefix ({@link #demangle}). Rewrites CREATE TABLE, CREATE/DROP INDEX
 * and the index clauses of ALTER TABLE (ADD/DROP INDEX|KEY, DROP FOREIGN KEY), which H2 lacks or scopes
 * differently. Foreign-key and CHECK names are schema-scoped in MySQL too and are left alone.
 */
final class DdlRewriter {
    private DdlRewriter() {}

    static String mangle(String table, String name) {
        return "`" + table.toLowerCase(Locale.ROOT) + "$" + name.toLowerCase(Locale.ROOT) + "`";
    }

    static String demangle(String table, String name) {
        String prefix = table.toLowerCase(Locale.ROOT) + "$";
        return name != null && name.toLowerCase(Locale.ROOT).startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** SQL expression de-mangling an index-name column, given the table-name column. */
    static String demangleSql(String nameExpr, String tableExpr) {
        return "CASE WHEN LOWER(" + nameExpr + ") LIKE LOWER(" + tableExpr + ") || '$%' THEN SUBSTRING(" + nameExpr
                + ", CHAR_LENGTH(" + tableExpr + ") + 2) ELSE " + nameExpr + " END";
    }

    /**
     * CREATE [TEMPORARY] TABLE with per-table index names mangled; null if nothing to change. When
     * {@code deferredForeignKeys} is not null (foreign_key_checks=0), FOREIGN KEY elements are removed and
     * added to it as ALTER TABLE statements, to be applied when checks are re-enabled.
     */
    static String createTable(String sql, List<Token> t, List<String> deferredForeignKeys) {
        int i = 1;
        if (SqlScanner.isWord(t, i, "TEMPORARY")) i++;
        if (!SqlScanner.isWord(t, i, "TABLE")) return null;
        int nameStart = i + 1;
        if (SqlScanner.isWord(t, nameStart, "IF")) nameStart += 3;
        int open = -1;
        for (int k = nameStart; k < t.size(); k++) {
            if (t.get(k).text().equals("(")) {
                open = k;
                break;
            }
        }
        if (open < 2 || open == nameStart) return null;
        String table = t.get(open - 1).identifier();
        String tableRef = sql.substring(t.get(nameStart).start(), t.get(open - 1).end());
        List<int[]> cuts = new ArrayList<>(); // start, end (source offsets) of removed FK elements
        List<Object[]> renames = new ArrayList<>(); // token index, new text
        int depth = 0, elementFirst = -1, separator = -1;
        for (int k = open; k < t.size(); k++) {
            Token x = t.get(k);
            boolean endOfElement = depth == 1 && (x.text().equals(",") || x.text().equals(")"));
            if (endOfElement && elementFirst >= 0 && deferredForeignKeys != null && isForeignKey(t, elementFirst)) {
                int from = separator >= 0 ? t.get(separator).start() : t.get(elementFirst).start();
                int to = separator >= 0 || x.text().equals(")") ? t.get(k - 1).end() : x.end();
                cuts.add(new int[] {from, to});
                deferredForeignKeys.add("ALTER TABLE " + tableRef + " ADD "
                        + sql.substring(t.get(elementFirst).start(), t.get(k - 1).end()));
            }
            if (x.text().equals("(")) {
                depth++;
                if (depth == 1) {
                    elementFirst = k + 1;
                    separator = -1;
                    int nameAt = indexNameAt(t, k + 1);
                    if (nameAt > 0) renames.add(new Object[] {nameAt, mangle(table, t.get(nameAt).identifier())});
                }
            } else if (x.text().equals(")")) {
                depth--;
            } else if (depth == 1 && x.text().equals(",")) {
                elementFirst = k + 1;
                separator = k;
                int nameAt = k + 1 < t.size() ? indexNameAt(t, k + 1) : -1;
                if (nameAt > 0) renames.add(new Object[] {nameAt, mangle(table, t.get(nameAt).identifier())});
            }
        }
        if (cuts.isEmpty() && renames.isEmpty()) return null;
        StringBuilder out = new StringBuilder();
        int copied = 0, r = 0;
        for (int c = 0; c <= cuts.size(); c++) {
            int cutStart = c < cuts.size() ? cuts.get(c)[0] : sql.length();
            for (; r < renames.size(); r++) {
                Token name = t.get((Integer) renames.get(r)[0]);
                if (name.start() >= cutStart) break;
                out.append(sql, copied, name.start()).append((String) renames.get(r)[1]);
                copied = name.end();
            }
            out.append(sql, copied, cutStart);
            if (c < cuts.size()) {
                copied = cuts.get(c)[1];
                while (r < renames.size() && t.get((Integer) renames.get(r)[0]).start() < copied) r++;
            }
        }
        return out.toString();
    }

    private static boolean isForeignKey(List<Token> t, int k) {
        if (SqlScanner.isWord(t, k, "FOREIGN")) return true;
        return SqlScanner.isWord(t, k, "CONSTRAINT") && (SqlScanner.isWord(t, k + 1, "FOREIGN")
                || SqlScanner.isWord(t, k + 2, "FOREIGN"));
    }

    /** Index of the per-table index name in a table element starting at {@code k}, or -1. */
    private static int indexNameAt(List<Token> t, int k) {
        Token x = t.get(k);
        if (x.is("CONSTRAINT")) {
            if (k + 2 < t.size() && isName(t.get(k + 1)) && (t.get(k + 2).is("UNIQUE") || t.get(k + 2).is("PRIMARY"))) {
                return k + 1;
            }
            return -1;
        }
        int n = k;
        if (x.is("UNIQUE")) n++;
        else if (!(x.is("KEY") || x.is("INDEX"))) return -1;
        if (SqlScanner.isWord(t, n, "KEY") || SqlScanner.isWord(t, n, "INDEX")) n++;
        return n < t.size() && n > k && isName(t.get(n)) ? n : -1;
    }

    private static boolean isName(Token x) {
        return (x.kind() == Kind.WORD || x.kind() == Kind.BACKTICK) && !x.text().equals("(") && !x.is("USING");
    }

    /** CREATE [UNIQUE] INDEX name ON table ...: the name mangled; null if not that form. */
    static String createIndex(String sql, List<Token> t) {
        int n = SqlScanner.isWord(t, 1, "UNIQUE") ? 2 : 1;
        if (!SqlScanner.isWord(t, n, "INDEX") || n + 3 >= t.size() || !t.get(n + 2).is("ON")) return null;
        String table = tableAt(t, n + 3);
        Token name = t.get(n + 1);
        return sql.substring(0, name.start()) + mangle(table, name.identifier()) + sql.substring(name.end());
    }

    private static String tableAt(List<Token> t, int i) {
        return i + 2 < t.size() && t.get(i + 1).text().equals(".") ? t.get(i + 2).identifier() : t.get(i).identifier();
    }

    /** DROP INDEX name ON table: H2 statements, or null if not that form. */
    static List<String> dropIndex(MySqlSession s, List<Token> t) throws SQLException {
        if (!SqlScanner.isWord(t, 1, "INDEX") || t.size() < 5 || !t.get(3).is("ON")) return null;
        String table = tableAt(t, 4);
        String qualified = t.size() > 6 && t.get(5).text().equals(".") ? t.get(4).text() + "." + t.get(6).text() : t.get(4).text();
        return List.of(dropIndexSql(s, qualified, table, t.get(2).identifier()));
    }

    private static String dropIndexSql(MySqlSession s, String qualifiedTable, String table, String name) throws SQLException {
        if (name.equalsIgnoreCase("PRIMARY")) return "ALTER TABLE " + qualifiedTable + " DROP PRIMARY KEY";
        String mangled = mangle(table, name);
        String bare = mangled.substring(1, mangled.length() - 1);
        try (PreparedStatement ps = s.connection().prepareStatement(
                "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE LOWER(CONSTRAINT_NAME) = ?")) {
            ps.setString(1, bare);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return "ALTER TABLE " + qualifiedTable + " DROP CONSTRAINT " + mangled;
            }
        }
        return "DROP INDEX " + mangled;
    }

    /**
     * ALTER TABLE t spec, spec...: one H2 statement per spec, index specs translated; null if no spec needs
     * translation (H2 runs the statement as is).
     */
    static List<String> alterTable(MySqlSession s, String sql, List<Token> t) throws SQLException {
        if (!SqlScanner.isWord(t, 1, "TABLE") || t.size() < 4) return null;
        int specStart = t.get(3).text().equals(".") ? 5 : 3;
        if (specStart >= t.size()) return null;
        String table = tableAt(t, 2);
        String qualified = sql.substring(t.get(2).start(), t.get(specStart - 1).end());
        List<List<Token>> specs = new ArrayList<>();
        int depth = 0, from = specStart;
        for (int k = specStart; k < t.size(); k++) {
            String x = t.get(k).text();
            if (x.equals("(")) depth++;
            else if (x.equals(")")) depth--;
            else if (x.equals(",") && depth == 0) {
                specs.add(t.subList(from, k));
                from = k + 1;
            }
        }
        specs.add(t.subList(from, t.size()));
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (List<Token> spec : specs) {
            if (spec.isEmpty()) continue;
            String text = sql.substring(spec.get(0).start(), spec.get(spec.size() - 1).end());
            String translated = alterSpec(s, qualified, table, spec, text);
            changed |= translated != null;
            out.add(translated != null ? translated : "ALTER TABLE " + qualified + " " + text);
        }
        return changed ? out : null;
    }

    /** Table options H2 has no use for (storage engine, character set, row format, comment): no-op specs. */
    private static final java.util.Set<String> TABLE_OPTIONS = java.util.Set.of("ENGINE", "TYPE", "CHARSET",
            "COLLATE", "ROW_FORMAT", "COMMENT", "DEFAULT", "CHARACTER", "PACK_KEYS", "STATS_PERSISTENT", "KEY_BLOCK_SIZE");

    private static String alterSpec(MySqlSession s, String qualified, String table, List<Token> spec, String text)
            throws SQLException {
        if (TABLE_OPTIONS.contains(spec.get(0).upper())) {
            return ""; // e.g. sakila's ALTER TABLE film_text engine=InnoDB: MySQL manual 15.1.9, table options
        }
        if (spec.get(0).is("ADD") && spec.size() > 1 && (spec.get(1).is("FULLTEXT") || spec.get(1).is("SPATIAL"))) {
            return ""; // no full-text or spatial indexes in H2: queries still run, by scan
        }
        if (spec.get(0).is("DROP") && spec.size() >= 3) {
            if ((spec.get(1).is("INDEX") || spec.get(1).is("KEY"))) {
                return dropIndexSql(s, qualified, table, spec.get(2).identifier());
            }
            if (spec.get(1).is("FOREIGN") && spec.size() >= 4) {
                return "ALTER TABLE " + qualified + " DROP CONSTRAINT " + spec.get(3).text();
            }
            return null;
        }
        if (!spec.get(0).is("ADD") || spec.size() < 3) return null;
        int nameAt = indexNameAt(spec, 1);
        if (nameAt < 0) return null;
        boolean unique = spec.get(1).is("UNIQUE") || (spec.get(1).is("CONSTRAINT") && spec.get(3).is("UNIQUE"));
        boolean primary = spec.get(1).is("CONSTRAINT") && spec.get(3).is("PRIMARY");
        int cols = -1;
        for (int k = nameAt + 1; k < spec.size(); k++) {
            if (spec.get(k).text().equals("(")) {
                cols = k;
                break;
            }
        }
        if (cols < 0) return null;
        String columns = text.substring(spec.get(cols).start() - spec.get(0).start());
        String name = mangle(table, spec.get(nameAt).identifier());
        if (primary) return "ALTER TABLE " + qualified + " ADD CONSTRAINT " + name + " PRIMARY KEY " + columns;
        if (unique) return "ALTER TABLE " + qualified + " ADD CONSTRAINT " + name + " UNIQUE " + columns;
        return "CREATE INDEX " + name + " ON " + qualified + " " + columns;
    }
}
