package io.strata.engine.mysql.rewrite;

import io.strata.engine.mysql.SqlScanner;
import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import io.strata.engine.mysql.functions.FunctionCatalog;
import io.strata.engine.mysql.functions.StringFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites the expressions of one MySQL statement so that H2 computes what MySQL would. Each rule follows
 * a section of the MySQL 8.0 manual:
 *
 * <ul>
 *   <li>{@code a / b} (12.6.1 Arithmetic Operators): always DECIMAL with the dividend's scale + 4, NULL on a
 *       zero divisor: {@code STRATA_DIVIDE(a, b)}. H2 divides integers as integers and raises on zero.</li>
 *   <li>{@code a DIV b}: integer division, NULL on zero: {@code STRATA_INTDIV(a, b)} (H2 has no DIV).</li>
 *   <li>{@code a % b}, {@code a MOD b}, {@code MOD(a, b)}: NULL on zero: {@code MOD(a, NULLIF(b, 0))}.</li>
 *   <li>An integer literal that is an operand of {@code + - *} is a BIGINT (12.25 Precision Math: integer
 *       arithmetic is 64-bit): H2 would compute INT arithmetic on INT literals and overflow at 2^31.</li>
 *   <li>A string literal in arithmetic (12.3 Type Conversion): its numeric prefix as a DOUBLE
 *       ({@code '12abc' + 3} is 15, {@code 'x' + 1} is 1); H2 raises on a non-numeric string.</li>
 *   <li>{@code AVG(x)} (14.19.1 Aggregate Functions): DECIMAL with x's scale + 4, as
 *       {@code STRATA_DIVIDE(SUM(x), COUNT(x))}; {@code SUM(x)} of exact values: DECIMAL
 *       ({@code STRATA_DECIMAL}); H2 returns DOUBLE and BIGINT. Window forms ({@code OVER}) are left alone.</li>
 *   <li>{@code LENGTH(s)} (14.8 String Functions) counts bytes: {@code OCTET_LENGTH}.</li>
 *   <li>{@code CONCAT(a, ...)} is NULL if any argument is NULL (H2's MySQL mode skips NULLs): {@code ||}.</li>
 *   <li>{@code col->'$.p'} and {@code col->>'$.p'} (14.17.3 JSON_EXTRACT / JSON_UNQUOTE).</li>
 *   <li>MySQL functions H2 lacks: the names in {@link FunctionCatalog#ALIASES} become calls of the Java
 *       functions; those returning JSON are cast to H2's JSON type so they nest as JSON.</li>
 * </ul>
 *
 * DDL that defines tables and indexes is not rewritten (its parentheses are column lists, not calls).
 */
public final class Expressions {
    private static final Set<String> WORDS = Set.of("DIV", "MOD", "AVG", "SUM", "LENGTH", "CONCAT", "SYSDATE", "NOW",
            "CURRENT_TIMESTAMP", "LOCALTIMESTAMP");
    private static final int MAX_STEPS = 10_000;

    private Expressions() {}

    /** True if the statement has anything {@link #rewrite} changes: one pass over the tokens, no allocation. */
    public static boolean applies(List<Token> t) {
        if (t.isEmpty()) return false;
        if (isTableDdl(t)) return false;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.kind() == Kind.SYMBOL) {
                String s = x.text();
                if (s.equals("/") || s.equals("%")) return true;
                if ((s.equals("+") || s.equals("-") || s.equals("*")) && arithmeticNeighbour(t, i)) return true;
            } else if (x.kind() == Kind.NUMBER && isExponent(x.text())) {
                return true;
            } else if (x.kind() == Kind.WORD) {
                String w = x.text();
                if (w.length() >= 3 && w.length() <= 18 && (WORDS.contains(w.toUpperCase(Locale.ROOT))
                        || FunctionCatalog.ALIASES.containsKey(w.toUpperCase(Locale.ROOT)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A {@code + - *} next to a literal that rule 4 or 5 rewrites, or forming {@code ->}. */
    private static boolean arithmeticNeighbour(List<Token> t, int i) {
        Token prev = i > 0 ? t.get(i - 1) : null, next = i + 1 < t.size() ? t.get(i + 1) : null;
        return (prev != null && (prev.kind() == Kind.NUMBER || prev.kind() == Kind.STRING))
                || (next != null && (next.kind() == Kind.NUMBER || next.kind() == Kind.STRING || next.text().equals(">")));
    }

    private static boolean isTableDdl(List<Token> t) {
        Token f = t.get(0);
        if (f.is("ALTER") || f.is("DROP") || f.is("TRUNCATE") || f.is("RENAME")) return true;
        if (!f.is("CREATE")) return false;
        for (int i = 1; i < Math.min(t.size(), 4); i++) {
            if (t.get(i).is("TABLE") || t.get(i).is("INDEX")) return true;
        }
        return false;
    }

    /** The statement with every rule applied (the text unchanged if none applies). */
    public static String rewrite(String sql) {
        List<Token> t = SqlScanner.tokenize(sql);
        if (!applies(t)) return sql;
        String aliased = aliasSelectItems(sql, t);
        if (aliased != sql) {
            sql = aliased;
            t = SqlScanner.tokenize(sql);
        }
        boolean hasInterval = false;
        for (Token x : t) hasInterval |= x.is("INTERVAL");
        int from = 0; // char offset: everything before it is final
        for (int step = 0; step < MAX_STEPS; step++) {
            Edit e = null;
            int i = 0;
            while (i < t.size() && t.get(i).start() < from) i++;
            for (; i < t.size() && e == null; i++) {
                e = site(sql, t, i, hasInterval);
            }
            if (e == null) return sql;
            sql = sql.substring(0, e.start) + e.text + sql.substring(e.end);
            from = e.resumeAt;
            t = SqlScanner.tokenize(sql);
        }
        return sql;
    }

    private static final Set<String> SELECT_MODIFIERS = Set.of("DISTINCT", "ALL", "DISTINCTROW", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE",
            "SQL_CALC_FOUND_ROWS");
    private static final Set<String> SELECT_LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER",
            "LIMIT", "UNION", "FOR", "WINDOW", "LOCK", "EXCEPT", "INTERSECT");

    /**
     * Gives each unaliased select-list item that the rules will change an alias of its own text, which is
     * the column label MySQL reports ({@code SUM(x)}, {@code 7/2}); the label would otherwise be H2's
     * rendering of the rewritten expression. Returns {@code sql} itself when nothing needs an alias.
     */
    static String aliasSelectItems(String sql, List<Token> t) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).is("SELECT")) continue;
            int k = i + 1;
            while (k < t.size() && t.get(k).kind() == Kind.WORD && SELECT_MODIFIERS.contains(t.get(k).upper())) k++;
            int depth = 0, itemStart = k;
            for (; k <= t.size(); k++) {
                Token x = k < t.size() ? t.get(k) : null;
                boolean end = x == null || (depth == 0 && ((x.kind() == Kind.SYMBOL && (x.text().equals(",") || x.text().equals(")")))
                        || (x.kind() == Kind.WORD && SELECT_LIST_END.contains(x.upper()))));
                if (!end) {
                    if (x.kind() == Kind.SYMBOL && x.text().equals("(")) depth++;
                    else if (x.kind() == Kind.SYMBOL && x.text().equals(")")) depth--;
                    continue;
                }
                if (k > itemStart && !hasAlias(t, itemStart, k - 1) && applies(t.subList(itemStart, k))) {
                    if (out == null) out = new StringBuilder(sql.length() + 32);
                    int at = t.get(k - 1).end();
                    String label = sql.substring(t.get(itemStart).start(), at);
                    out.append(sql, copied, at).append(" AS `").append(label.replace("`", "``")).append('`');
                    copied = at;
                }
                if (x == null || !x.text().equals(",")) break;
                itemStart = k + 1;
            }
        }
        if (out == null) return sql;
        return out.append(sql, copied, sql.length()).toString();
    }

    private static boolean hasAlias(List<Token> t, int first, int last) {
        if (last == first) return false;
        Token l = t.get(last), p = t.get(last - 1);
        boolean name = l.kind() == Kind.BACKTICK || l.kind() == Kind.DQUOTE || l.kind() == Kind.STRING
                || (l.kind() == Kind.WORD && !l.is("END") && !l.is("NULL") && !l.is("TRUE") && !l.is("FALSE"));
        if (!name) return false;
        if (p.is("AS")) return true;
        return l.kind() != Kind.STRING && (p.text().equals(")") || p.kind() == Kind.NUMBER || p.kind() == Kind.STRING
                || p.kind() == Kind.BACKTICK || (p.kind() == Kind.WORD && !p.is("SELECT")));
    }

    /** A replacement of source chars [start, end) by text; scanning resumes at char resumeAt of the result. */
    private record Edit(int start, int end, String text, int resumeAt) {}

    private static Edit site(String sql, List<Token> t, int i, boolean hasInterval) {
        Token x = t.get(i);
        if (x.kind() == Kind.SYMBOL) {
            String s = x.text();
            if (s.equals("-") && i + 2 < t.size() && t.get(i + 1).text().equals(">") && t.get(i + 1).start() == x.end()) {
                return arrow(sql, t, i);
            }
            if ((s.equals("/") || s.equals("%")) && Operands.operandEndsBefore(t, i)) {
                return binary(sql, t, i, s.equals("/") ? "#DIVIDE" : "MOD");
            }
            return null;
        }
        if (x.kind() == Kind.WORD) {
            if ((x.is("DIV") || x.is("MOD")) && Operands.operandEndsBefore(t, i)
                    && !(i + 1 < t.size() && t.get(i + 1).text().equals("("))) {
                return binary(sql, t, i, x.is("DIV") ? "#INTDIV" : "MOD");
            }
            if (i + 1 < t.size() && t.get(i + 1).text().equals("(") && (i == 0 || !t.get(i - 1).text().equals("."))) {
                return function(sql, t, i);
            }
            if (x.is("CURRENT_TIMESTAMP") || x.is("LOCALTIMESTAMP")) {
                return new Edit(x.start(), x.end(), "LOCALTIMESTAMP(0)", x.start() + 17);
            }
            return null;
        }
        if (x.kind() == Kind.NUMBER && isInt(x.text()) && inArithmetic(t, i, true) && !afterInterval(t, i)
                && (x.text().length() > 4 || integerLiteralOperand(t, i))) {
            return new Edit(x.start(), x.end(), "CAST(" + x.text() + " AS BIGINT)", x.start() + 5 + x.text().length());
        }
        if (x.kind() == Kind.NUMBER && isExponent(x.text()) && !afterInterval(t, i)) {
            // 1e3 is a DOUBLE in MySQL (9.1.2 Numeric Literals), a DECFLOAT in H2
            return new Edit(x.start(), x.end(), "CAST(" + x.text() + " AS DOUBLE)", x.start() + 5 + x.text().length() + 11);
        }
        if (x.kind() == Kind.STRING && !hasInterval && inArithmetic(t, i, false)) {
            double v = StringFunctions.numericPrefix(x.identifier());
            String lit = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            return new Edit(x.start(), x.end(), "CAST(" + lit + " AS DOUBLE)", x.start() + 5 + lit.length());
        }
        return null;
    }

    private static boolean isExponent(String n) {
        return !n.startsWith("0x") && !n.startsWith("0X") && !n.startsWith("0b") && (n.indexOf('e') > 0 || n.indexOf('E') > 0);
    }

    private static boolean isInt(String n) {
        if (n.length() > 10) return false;
        for (int k = 0; k < n.length(); k++) if (!Character.isDigit(n.charAt(k))) return false;
        return true;
    }

    /**
     * True if token i is an operand of a binary arithmetic operator: {@code + - *} only for integer literals
     * ({@code widen}), also {@code / % DIV MOD} for strings.
     */
    private static boolean inArithmetic(List<Token> t, int i, boolean widen) {
        if (i + 1 < t.size()) {
            Token n = t.get(i + 1);
            String s = n.text();
            if (n.kind() == Kind.SYMBOL && (s.equals("+") || s.equals("*")
                    || (s.equals("-") && !(i + 2 < t.size() && t.get(i + 2).text().equals(">"))))) {
                return true;
            }
            if (!widen && (n.is("DIV") || n.is("MOD") || (n.kind() == Kind.SYMBOL && (s.equals("/") || s.equals("%"))))) {
                return true;
            }
        }
        if (i > 0) {
            Token p = t.get(i - 1);
            String s = p.text();
            boolean op = p.kind() == Kind.SYMBOL && (s.equals("+") || s.equals("-") || s.equals("*")
                    || (!widen && (s.equals("/") || s.equals("%"))));
            op |= !widen && (p.is("DIV") || p.is("MOD"));
            return op && Operands.operandEndsBefore(t, i - 1);
        }
        return false;
    }

    /**
     * True if the other operand of the arithmetic next to integer literal i is an integer literal too: then
     * both are widened to BIGINT ({@code 2147483647 + 1}). A literal of 5 digits or more is always widened.
     * Small literals next to a column are not: H2 computes DOUBLE op BIGINT as DECFLOAT, and INT arithmetic on
     * small column values does not overflow.
     */
    private static boolean integerLiteralOperand(List<Token> t, int i) {
        if (i + 2 < t.size() && t.get(i + 1).kind() == Kind.SYMBOL && t.get(i + 2).kind() == Kind.NUMBER
                && isInt(t.get(i + 2).text())) {
            return true;
        }
        int k = i - 1;
        if (k >= 0 && t.get(k).kind() == Kind.SYMBOL && !Operands.operandEndsBefore(t, k)) k--; // a unary sign
        return k >= 1 && t.get(k).kind() == Kind.SYMBOL && (t.get(k - 1).kind() == Kind.NUMBER && isInt(t.get(k - 1).text())
                || t.get(k - 1).text().equals(")") && k >= 4 && t.get(k - 2).is("BIGINT"));
    }

    private static boolean afterInterval(List<Token> t, int i) {
        if (i > 0 && t.get(i - 1).is("INTERVAL")) return true;
        return i > 1 && (t.get(i - 1).text().equals("-") || t.get(i - 1).text().equals("+")) && t.get(i - 2).is("INTERVAL");
    }

    private static Edit binary(String sql, List<Token> t, int op, String kind) {
        int ls = Operands.leftOperandStart(t, op);
        int re = Operands.rightOperandEnd(t, op + 1);
        if (ls < 0 || re < 0) return null;
        String left = sql.substring(t.get(ls).start(), t.get(op - 1).end());
        String right = sql.substring(t.get(op + 1).start(), t.get(re).end());
        String text = kind.equals("MOD") ? "MOD(" + left + ", NULLIF(" + right + ", 0))"
                : FunctionCatalog.call(kind) + "(" + left + ", " + right + ")";
        return new Edit(t.get(ls).start(), t.get(re).end(), text, t.get(ls).start());
    }

    private static Edit arrow(String sql, List<Token> t, int i) {
        boolean unquote = t.get(i + 2).text().equals(">");
        int path = i + (unquote ? 3 : 2);
        if (path >= t.size() || t.get(path).kind() != Kind.STRING) return null;
        int ls = Operands.primaryStart(t, i - 1);
        if (ls < 0) return null;
        String extract = FunctionCatalog.call("JSON_EXTRACT") + "(" + sql.substring(t.get(ls).start(), t.get(i - 1).end())
                + ", " + t.get(path).text() + ")";
        String text = unquote ? FunctionCatalog.call("JSON_UNQUOTE") + "(" + extract + ")"
                : "CAST(" + extract + " FORMAT JSON AS JSON)";
        return new Edit(t.get(ls).start(), t.get(path).end(), text, t.get(ls).start() + text.length());
    }

    private static Edit function(String sql, List<Token> t, int i) {
        Token name = t.get(i);
        String n = name.upper();
        int close = Operands.matchForward(t, i + 1, "(", ")");
        if (close < 0) return null;
        boolean window = close + 1 < t.size() && t.get(close + 1).is("OVER");
        String inner = sql.substring(t.get(i + 1).end(), t.get(close).start());
        int start = name.start(), end = t.get(close).end();
        switch (n) {
            case "AVG":
                if (window) return null;
                String avg = FunctionCatalog.call("#DIVIDE") + "(SUM(" + inner + "), COUNT(" + inner + "))";
                return new Edit(start, end, avg, start + avg.indexOf("SUM(") + 4);
            case "SUM":
                if (window || (i >= 2 && t.get(i - 1).text().equals("(") && t.get(i - 2).text().startsWith("STRATA_"))) {
                    return null;
                }
                String prefix = FunctionCatalog.call("#DECIMAL") + "(";
                return new Edit(start, end, prefix + sql.substring(start, end) + ")", start + prefix.length() + 4);
            case "LENGTH":
                return new Edit(start, name.end(), "OCTET_LENGTH", start + 12);
            case "SYSDATE", "NOW", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP":
                // DATETIME without fractional seconds unless asked (12.7 Date and Time Functions, NOW([fsp]))
                if (close == i + 2) return new Edit(start, end, "LOCALTIMESTAMP(0)", start + 17);
                return new Edit(start, name.end(), "LOCALTIMESTAMP", start + 14);
            case "CONCAT": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.isEmpty()) return null;
                StringBuilder sb = new StringBuilder("(''");
                for (String a : args) sb.append(" || (").append(a).append(')');
                return new Edit(start, end, sb.append(')').toString(), start + 1);
            }
            case "MOD": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.size() != 2) return null;
                String mod = "MOD(" + args.get(0) + ", NULLIF(" + args.get(1) + ", 0))";
                return new Edit(start, end, mod, start + 4);
            }
            case "STR_TO_DATE": {
                List<String> args = arguments(sql, t, i + 1, close);
                String call = FunctionCatalog.call(n) + "(" + inner + ")";
                boolean dateOnly = args.size() == 2 && t.get(close - 1).kind() == Kind.STRING && t.get(close - 2).text().equals(",")
                        && !t.get(close - 1).identifier().matches("(?s).*%[HkhIlisSfpTr].*");
                String text = dateOnly ? "CAST(" + call + " AS DATE)" : call;
                return new Edit(start, end, text, start + text.indexOf('(') + 1);
            }
            default:
                FunctionCatalog.Alias a = FunctionCatalog.ALIASES.get(n);
                if (a == null) return null;
                String call = FunctionCatalog.call(n) + "(" + inner + ")";
                String text = a.json() ? "CAST(" + call + " FORMAT JSON AS JSON)" : call;
                return new Edit(start, end, text, start + text.indexOf(FunctionCatalog.call(n)) + FunctionCatalog.call(n).length() + 1);
        }
    }

    /** The source text of each top-level argument between the parentheses at {@code open} and {@code close}. */
    static List<String> arguments(String sql, List<Token> t, int open, int close) {
        List<String> out = new ArrayList<>();
        if (close == open + 1) return out;
        int depth = 0, argStart = open + 1;
        for (int k = open + 1; k <= close; k++) {
            String x = t.get(k).text();
            boolean sym = t.get(k).kind() == Kind.SYMBOL;
            if (sym && x.equals("(")) depth++;
            else if (sym && x.equals(")") && k < close) depth--;
            else if ((k == close || (sym && x.equals(",") && depth == 0))) {
                if (k == argStart) return List.of();
                out.add(sql.substring(t.get(argStart).start(), t.get(k - 1).end()));
                argStart = k + 1;
            }
        }
        return out;
    }
}
