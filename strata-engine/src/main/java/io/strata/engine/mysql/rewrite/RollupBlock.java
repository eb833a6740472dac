package io.strata.engine.mysql.rewrite;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code SELECT .. GROUP BY .. WITH ROLLUP [HAVING ..] [ORDER BY ..] [LIMIT ..]} query block and its
 * emulation as a union of grouping levels (see {@link Rollup}). Tokens are those of the block only; offsets are
 * into the whole statement's text.
 */
final class RollupBlock {
    private static final Set<String> NOT_ALIAS = Set.of("END", "NULL", "TRUE", "FALSE", "DIV", "MOD", "AND", "OR",
            "XOR", "NOT", "IS", "LIKE", "IN", "BETWEEN", "ELSE", "THEN", "WHEN", "CASE", "DESC", "ASC", "UNKNOWN");

    private final String sql;
    private final List<Token> t;
    private final List<Item> items = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private int from = -1, groupBy = -1, having = -1, orderBy = -1, limit = -1;
    private final int rollup;

    /** A select-list item: its expression's tokens [start, end) and its label (alias or expression text). */
    private record Item(int start, int end, String alias, String label) {}

    /** A grouping item: its expression's tokens, DESC, and the select item it names (-1 if none). */
    private record Group(List<Token> expr, boolean desc, int item) {}

    RollupBlock(String sql, List<Token> block, int rollupIndex) {
        this.sql = sql;
        this.t = block;
        this.rollup = rollupIndex;
        parse();
    }

    private void parse() {
        int depth = 0, itemStart = 1;
        while (itemStart < t.size() && t.get(itemStart).kind() == Kind.WORD
                && Set.of("ALL", "SQL_CALC_FOUND_ROWS", "SQL_NO_CACHE", "SQL_CACHE", "STRAIGHT_JOIN", "HIGH_PRIORITY")
                .contains(t.get(itemStart).upper())) {
            itemStart++;
        }
        if (t.get(itemStart).is("DISTINCT") || t.get(itemStart).is("DISTINCTROW")) {
            throw RewriteException.notSupported("SELECT DISTINCT with WITH ROLLUP");
        }
        for (int i = itemStart; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.kind() == Kind.SYMBOL && x.text().equals("(")) depth++;
            else if (x.kind() == Kind.SYMBOL && x.text().equals(")")) depth--;
            if (depth != 0) continue;
            if (from < 0 && (x.text().equals(",") || x.is("FROM"))) {
                addItem(itemStart, i);
                itemStart = i + 1;
                if (x.is("FROM")) from = i;
            } else if (from >= 0 && groupBy < 0 && x.is("GROUP")) {
                groupBy = i;
            } else if (i > rollup && x.is("HAVING") && having < 0) {
                having = i;
            } else if (i > rollup && x.is("ORDER") && orderBy < 0) {
                orderBy = i;
            } else if (i > rollup && x.is("LIMIT") && limit < 0) {
                limit = i;
            } else if (i > rollup && x.kind() == Kind.WORD && !x.is("BY")
                    && (x.is("FOR") || x.is("LOCK") || x.is("INTO") || x.is("WINDOW"))) {
                throw RewriteException.notSupported("WITH ROLLUP and " + x.upper());
            }
        }
        if (from < 0 || groupBy < 0) throw RewriteException.notSupported("WITH ROLLUP without FROM and GROUP BY");
        for (List<Token> g : split(groupBy + 2, rollup - 1)) {
            boolean desc = false;
            Token last = g.get(g.size() - 1);
            if (g.size() > 1 && (last.is("ASC") || last.is("DESC"))) {
                desc = last.is("DESC");
                g = g.subList(0, g.size() - 1);
            }
            int item = -1;
            if (g.size() == 1 && g.get(0).kind() == Kind.NUMBER && g.get(0).text().matches("[0-9]+")) {
                item = Integer.parseInt(g.get(0).text()) - 1;
                if (item < 0 || item >= items.size()) {
                    throw new RewriteException(1054, "42S22", "Unknown column '" + g.get(0).text() + "' in 'group statement'");
                }
            } else {
                item = aliasOf(g);
                if (item < 0) {
                    for (int k = 0; k < items.size() && item < 0; k++) if (same(g, tokens(k))) item = k;
                }
            }
            List<Token> expr = item >= 0 && (g.size() == 1 && (g.get(0).kind() == Kind.NUMBER || items.get(item).alias() != null))
                    ? tokens(item) : g;
            groups.add(new Group(expr, desc, item));
        }
    }

    private void addItem(int start, int end) {
        if (end <= start) return;
        for (int i = start; i < end; i++) {
            if (t.get(i).text().equals("*") && (i == start || t.get(i - 1).text().equals(".")) && (i + 1 == end)) {
                throw RewriteException.notSupported("SELECT * with WITH ROLLUP");
            }
        }
        Token last = t.get(end - 1);
        String alias = null;
        int exprEnd = end;
        boolean name = last.kind() == Kind.WORD || last.kind() == Kind.BACKTICK || last.kind() == Kind.DQUOTE
                || last.kind() == Kind.STRING;
        if (end - start >= 3 && t.get(end - 2).is("AS") && name) {
            alias = last.identifier();
            exprEnd = end - 2;
        } else if (end - start >= 2 && (last.kind() == Kind.BACKTICK || (last.kind() == Kind.WORD && !NOT_ALIAS.contains(last.upper())))) {
            Token prev = t.get(end - 2);
            boolean prevEndsExpr = prev.text().equals(")") || prev.kind() == Kind.NUMBER || prev.kind() == Kind.STRING
                    || prev.kind() == Kind.BACKTICK || (prev.kind() == Kind.WORD && !NOT_ALIAS.contains(prev.upper()));
            if (prevEndsExpr) {
                alias = last.identifier();
                exprEnd = end - 1;
            }
        }
        String label = alias != null ? alias : sql.substring(t.get(start).start(), t.get(exprEnd - 1).end());
        items.add(new Item(start, exprEnd, alias, label));
    }

    private List<Token> tokens(int item) {
        return t.subList(items.get(item).start(), items.get(item).end());
    }

    /** The select item whose alias is the single name g, or -1. */
    private int aliasOf(List<Token> g) {
        if (g.size() != 1 || !(g.get(0).kind() == Kind.WORD || g.get(0).kind() == Kind.BACKTICK)) return -1;
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k).alias() != null && items.get(k).alias().equalsIgnoreCase(g.get(0).identifier())) return k;
        }
        return -1;
    }

    /** Top-level comma-separated token lists of [from, to). */
    private List<List<Token>> split(int from, int to) {
        List<List<Token>> out = new ArrayList<>();
        int depth = 0, start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || (depth == 0 && t.get(i).text().equals(","))) {
                if (i > start) out.add(t.subList(start, i));
                start = i + 1;
            } else if (t.get(i).text().equals("(")) {
                depth++;
            } else if (t.get(i).text().equals(")")) {
                depth--;
            }
        }
        return out;
    }

    /** Token lists equal as SQL: names case-insensitively, a qualified column equal to its bare name. */
    static boolean same(List<Token> a, List<Token> b) {
        List<Token> x = unqualified(a), y = unqualified(b);
        if (x.size() != y.size()) return false;
        for (int i = 0; i < x.size(); i++) {
            Token p = x.get(i), q = y.get(i);
            boolean names = isName(p) && isName(q);
            if (names ? !p.identifier().equalsIgnoreCase(q.identifier()) : !p.text().equalsIgnoreCase(q.text())) return false;
        }
        return true;
    }

    private static List<Token> unqualified(List<Token> a) {
        return a.size() == 3 && isName(a.get(0)) && a.get(1).text().equals(".") && isName(a.get(2)) ? a.subList(2, 3) : a;
    }

    private static boolean isName(Token x) {
        return x.kind() == Kind.WORD || x.kind() == Kind.BACKTICK;
    }

    /** The emulating statement text. */
    String rewrite() {
        int n = groups.size();
        String fromText = sql.substring(t.get(from).start(), t.get(groupBy).start());
        int havingEnd = orderBy >= 0 ? orderBy : limit >= 0 ? limit : t.size();
        List<Token> havingTokens = having >= 0 ? t.subList(having + 1, havingEnd) : List.of();
        StringBuilder union = new StringBuilder();
        for (int k = n; k >= 0; k--) {
            if (k < n) union.append(" UNION ALL ");
            union.append("SELECT ");
            for (int i = 0; i < items.size(); i++) {
                boolean rolled = false;
                for (int j = k; j < n; j++) rolled |= groups.get(j).item() == i;
                union.append(rolled ? "NULL" : nulled(tokens(i), k)).append(" AS strata_c").append(i).append(", ");
            }
            for (int j = 0; j < n; j++) {
                union.append(j < k ? "(" + text(groups.get(j).expr()) + ")" : "NULL").append(" AS strata_g").append(j)
                        .append(", ").append(j < k ? 0 : 1).append(" AS strata_f").append(j).append(j + 1 < n ? ", " : " ");
            }
            union.append(fromText);
            if (k > 0) {
                union.append(" GROUP BY ");
                for (int j = 0; j < k; j++) union.append(j > 0 ? ", " : "").append(text(groups.get(j).expr()));
            }
            List<String> conditions = new ArrayList<>();
            if (k == 0) conditions.add("COUNT(*) > 0"); // no grand total over no rows, as in MySQL
            if (!havingTokens.isEmpty()) conditions.add("(" + nulled(havingTokens, k) + ")");
            if (!conditions.isEmpty()) union.append(" HAVING ").append(String.join(" AND ", conditions));
        }
        StringBuilder out = new StringBuilder("SELECT ");
        for (int i = 0; i < items.size(); i++) {
            out.append(i > 0 ? ", " : "").append("strata_c").append(i).append(" AS `")
                    .append(items.get(i).label().replace("`", "``")).append('`');
        }
        out.append(" FROM (").append(union).append(") AS strata_rollup ORDER BY ");
        if (orderBy >= 0) {
            for (List<Token> o : split(orderBy + 2, limit >= 0 ? limit : t.size())) out.append(orderItem(o)).append(", ");
        }
        for (int j = 0; j < n; j++) {
            out.append(j > 0 ? ", " : "").append("strata_f").append(j).append(", strata_g").append(j)
                    .append(groups.get(j).desc() ? " DESC NULLS LAST" : " NULLS FIRST");
        }
        if (limit >= 0) out.append(' ').append(sql, t.get(limit).start(), t.get(t.size() - 1).end());
        return out.toString();
    }

    /** An ORDER BY item over the derived table's columns. */
    private String orderItem(List<Token> o) {
        String dir = "";
        Token last = o.get(o.size() - 1);
        if (o.size() > 1 && (last.is("ASC") || last.is("DESC"))) {
            dir = " " + last.upper();
            o = o.subList(0, o.size() - 1);
        }
        if (o.size() == 1 && o.get(0).kind() == Kind.NUMBER && o.get(0).text().matches("[0-9]+")) {
            int p = Integer.parseInt(o.get(0).text()) - 1;
            if (p < 0 || p >= items.size()) {
                throw new RewriteException(1054, "42S22", "Unknown column '" + o.get(0).text() + "' in 'order clause'");
            }
            return "strata_c" + p + dir;
        }
        int a = aliasOf(o);
        if (a >= 0) return "strata_c" + a + dir;
        for (int k = 0; k < items.size(); k++) if (same(o, tokens(k))) return "strata_c" + k + dir;
        for (int j = 0; j < groups.size(); j++) if (same(o, groups.get(j).expr())) return "strata_g" + j + dir;
        if (o.size() > 2 && o.get(0).is("GROUPING") && o.get(1).text().equals("(")) {
            StringBuilder mask = new StringBuilder("(0");
            for (List<Token> arg : args(o, 1)) mask.append(" * 2 + strata_f").append(grouping(arg));
            return mask.append(')').append(dir).toString();
        }
        throw RewriteException.notSupported("ORDER BY " + text(o).toLowerCase(Locale.ROOT)
                + " with WITH ROLLUP (order by a select-list column, alias or position)");
    }

    /** The grouping item an argument of GROUPING() names (MySQL's error 3580 if none). */
    private int grouping(List<Token> arg) {
        int a = aliasOf(arg);
        for (int j = 0; j < groups.size(); j++) {
            if (same(arg, groups.get(j).expr()) || (a >= 0 && groups.get(j).item() == a)) return j;
        }
        throw new RewriteException(3580, "HY000", "Argument #1 of GROUPING function is not in GROUP BY");
    }

    /** The comma-separated arguments of the call whose "(" is at index open of list x. */
    private static List<List<Token>> args(List<Token> x, int open) {
        List<List<Token>> out = new ArrayList<>();
        int depth = 0, start = open + 1;
        for (int i = open; i < x.size(); i++) {
            String s = x.get(i).text();
            if (s.equals("(")) depth++;
            else if (s.equals(")") && --depth == 0) {
                if (i > start) out.add(x.subList(start, i));
                break;
            } else if (s.equals(",") && depth == 1) {
                out.add(x.subList(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * The text of expression tokens x at level k: rolled-up grouping expressions (k..n-1) outside aggregate
     * arguments become NULL, GROUPING(..) becomes its value, and select-list aliases their expressions.
     */
    private String nulled(List<Token> x, int k) {
        StringBuilder out = new StringBuilder();
        int copied = x.get(0).start();
        for (int i = 0; i < x.size(); i++) {
            Token tok = x.get(i);
            boolean call = i + 1 < x.size() && x.get(i + 1).text().equals("(");
            if (tok.kind() == Kind.WORD && call && Rollup.AGGREGATES.contains(tok.upper())) {
                i = close(x, i + 1); // the group's rows: arguments unchanged
                continue;
            }
            String replacement = null;
            int last = i;
            if (tok.is("GROUPING") && call) {
                last = close(x, i + 1);
                int mask = 0;
                for (List<Token> arg : args(x.subList(i, last + 1), 1)) mask = mask * 2 + (grouping(arg) >= k ? 1 : 0);
                replacement = Integer.toString(mask);
            } else {
                for (int j = k; j < groups.size() && replacement == null; j++) {
                    List<Token> g = groups.get(j).expr();
                    int len = matchAt(x, i, g);
                    if (len > 0) {
                        replacement = "NULL";
                        last = i + len - 1;
                    }
                }
                if (replacement == null && isName(tok) && !call && (i == 0 || !x.get(i - 1).text().equals("."))
                        && !(i + 1 < x.size() && x.get(i + 1).text().equals("."))) {
                    int a = aliasOf(List.of(tok));
                    if (a >= 0 && !inItems(x)) {
                        boolean rolled = false;
                        for (int j = k; j < groups.size(); j++) rolled |= groups.get(j).item() == a;
                        replacement = rolled ? "NULL" : "(" + nulled(tokens(a), k) + ")";
                    }
                }
            }
            if (replacement == null) continue;
            out.append(sql, copied, tok.start()).append(replacement);
            copied = x.get(last).end();
            i = last;
        }
        return out.append(sql, copied, x.get(x.size() - 1).end()).toString();
    }

    /** True if x is one of the select items (aliases are replaced only in HAVING). */
    private boolean inItems(List<Token> x) {
        return x.isEmpty() || x.get(0).start() < t.get(from).start();
    }

    /** The length of the match of grouping expression g at x[i] (a qualified column matching its bare name), or 0. */
    private static int matchAt(List<Token> x, int i, List<Token> g) {
        g = unqualified(g);
        if (i > 0 && x.get(i - 1).text().equals(".")) return 0;
        if (i + 2 < x.size() && isName(x.get(i)) && x.get(i + 1).text().equals(".") && isName(x.get(i + 2))
                && !(i + 3 < x.size() && x.get(i + 3).text().equals("(")) && same(x.subList(i, i + 3), g)) {
            return 3;
        }
        if (i + g.size() > x.size()) return 0;
        if (g.size() == 1 && i + 1 < x.size() && (x.get(i + 1).text().equals(".") || x.get(i + 1).text().equals("("))) return 0;
        return same(x.subList(i, i + g.size()), g) ? g.size() : 0;
    }

    private static int close(List<Token> x, int open) {
        int depth = 0;
        for (int i = open; i < x.size(); i++) {
            if (x.get(i).text().equals("(")) depth++;
            else if (x.get(i).text().equals(")") && --depth == 0) return i;
        }
        return x.size() - 1;
    }

    private String text(List<Token> x) {
        return sql.substring(x.get(0).start(), x.get(x.size() - 1).end());
    }
}
