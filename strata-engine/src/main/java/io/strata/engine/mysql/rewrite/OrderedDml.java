package io.strata.engine.mysql.rewrite;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.util.List;

/**
 * Single-table {@code UPDATE ... ORDER BY ... [LIMIT n]} and {@code DELETE ... ORDER BY ... [LIMIT n]} (MySQL
 * 15.2.17 UPDATE, 15.2.2 DELETE): H2 accepts the ORDER BY but ignores it, so LIMIT would pick arbitrary rows.
 * Rewritten to {@code ... WHERE _ROWID_ IN (SELECT _ROWID_ FROM t [WHERE c] ORDER BY .. LIMIT n)}.
 */
public final class OrderedDml {
    private OrderedDml() {}

    /** The rewritten statement, or null if it is not such an UPDATE or DELETE. */
    public static String rewrite(String sql, List<Token> t) {
        if (t.isEmpty() || !(t.get(0).is("UPDATE") || t.get(0).is("DELETE"))) return null;
        int depth = 0, where = -1, order = -1;
        for (int i = 1; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.kind() == Kind.SYMBOL && x.text().equals("(")) depth++;
            else if (x.kind() == Kind.SYMBOL && x.text().equals(")")) depth--;
            else if (depth == 0 && x.is("WHERE") && where < 0) where = i;
            else if (depth == 0 && x.is("ORDER") && i + 1 < t.size() && t.get(i + 1).is("BY")) order = i;
            else if (depth == 0 && (x.is("JOIN") || x.text().equals(","))) {
                if (order < 0 && where < 0 && !t.get(0).is("UPDATE")) return null; // multi-table DELETE
            }
        }
        if (order < 0) return null;
        int k = 1;
        while (k < t.size() && (t.get(k).is("LOW_PRIORITY") || t.get(k).is("IGNORE") || t.get(k).is("QUICK"))) k++;
        if (t.get(0).is("DELETE")) {
            if (!t.get(k).is("FROM")) return null;
            k++;
        }
        int tableEnd = k + 2 < t.size() && t.get(k + 1).text().equals(".") ? k + 2 : k;
        String next = tableEnd + 1 < t.size() ? t.get(tableEnd + 1).upper() : "";
        if (!(next.equals("SET") || next.equals("WHERE") || next.equals("ORDER"))) return null; // aliases, joins
        String table = sql.substring(t.get(k).start(), t.get(tableEnd).end());
        String head = sql.substring(0, where >= 0 ? t.get(where).start() : t.get(order).start());
        String condition = where >= 0 ? " " + sql.substring(t.get(where).start(), t.get(order).start()) : " ";
        String tail = sql.substring(t.get(order).start());
        return head + "WHERE _ROWID_ IN (SELECT _ROWID_ FROM " + table + condition + tail + ")";
    }
}
