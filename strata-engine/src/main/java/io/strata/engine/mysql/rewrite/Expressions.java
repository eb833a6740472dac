package io.strata.engine.mysql.rewrite;

import io.strata.engine.mysql.SqlScanner;
import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import io.strata.engine.mysql.functions.FunctionCatalog;
import io.strata.engine.mysql.functions.StringFunctions;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>{@code a % b}, {@code a MOD b}, {@code MOD(a, b)}: NULL on zero, with warning 1365, and of
 *       non-integers too ({@code MOD(10.5, 3)} is 1.5: H2's MOD converts the dividend to the divisor's type,
 *       so the divisor gets the dividend's type added, {@code b + 0 * a}).</li>
 *   <li>{@code a / b} and {@code a DIV b} by zero: NULL with warning 1365 "Division by 0".</li>
 *   <li>{@code a XOR b} (14.4.3 Logical Operators): {@code STRATA_XOR(a, b)}; H2 has no XOR.</li>
 *   <li>{@code CAST(x AS DATE|DATETIME)}, {@code CONVERT(x, type)} (14.10 Cast Functions): strings and numbers
 *       read as MySQL reads them ({@code 20240305}, {@code '2024/3/5'}), invalid ones NULL with warning 1292;
 *       {@code CONVERT(x USING cs)} is x.</li>
 *   <li>{@code HOUR/MINUTE/SECOND('10:11:12')}, {@code EXTRACT(unit FROM 'string')}: the string read as a
 *       time or datetime; compound units ({@code DAY_MINUTE}) by {@code STRATA_EXTRACT}.</li>
 *   <li>{@code b'101'} and {@code x'41'} in arithmetic are integers (9.1.5, 9.1.4).</li>
 *   <li>An integer literal that is an operand of {@code + - *} is a BIGINT (12.25 Precision Math: integer
 *       arithmetic is 64-bit): H2 would compute INT arithmetic on INT literals and overflow at 2^31.</li>
 *   <li>A string literal in arithmetic (12.3 Type Conversion): its numeric prefix as a DOUBLE
 *       ({@code '12abc' + 3} is 15, {@code 'x' + 1} is 1, both with warning 1292); H2 raises on a
 *       non-numeric string.</li>
 *   <li>{@code AVG(x)} (14.19.1 Aggregate Functions): DECIMAL with x's scale + 4, as
 *       {@code STRATA_DIVIDE(SUM(x), COUNT(x))}; {@code SUM(x)} of exact values: DECIMAL
 *       ({@code STRATA_DECIMAL}); H2 returns DOUBLE and BIGINT. Window forms ({@code OVER}) are left alone.</li>
 *   <li>{@code LENGTH(s)} (14.8 String Functions) counts bytes, of any value ({@code LENGTH(NOW())} is 19):
 *       {@code STRATA_LENGTH}.</li>
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
            "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "INTERVAL", "TRUE", "FALSE", "BINARY", "MID", "POW", "BIT_AND",
            "BIT_OR", "BIT_XOR", "CHAR", "TIMESTAMPDIFF", "DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE", "DATEDIFF", "RLIKE",
            "XOR", "CONVERT", "CAST", "HOUR", "MINUTE", "SECOND", "EXTRACT");
    private static final int MAX_STEPS = 10_000;
    /** Every word a rule starts from, looked up without allocating (case-insensitive order). */
    private static final java.util.NavigableSet<String> TRIGGER_WORDS = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    /** Sorted {@link #upperHash} values of {@link #TRIGGER_WORDS}: most words are rejected by one binary search. */
    private static final int[] TRIGGER_HASHES;

    static {
        TRIGGER_WORDS.addAll(WORDS);
        TRIGGER_WORDS.addAll(FunctionCatalog.ALIASES.keySet());
        TRIGGER_HASHES = TRIGGER_WORDS.stream().mapToInt(Expressions::upperHash).sorted().distinct().toArray();
    }

    /** The hash of a word's ASCII upper-case form, computed without allocating. */
    static int upperHash(String w) {
        int h = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            h = 31 * h + (c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        return h;
    }
    /** Words after which a name followed by '(' is a table, not a function. */
    private static final Set<String> NAME_CONTEXT = Set.of("INTO", "FROM", "JOIN", "UPDATE", "TABLE", "REFERENCES",
            "ON", "EXISTS");

    private Expressions() {}

    /** True if the statement has anything {@link #rewrite} changes: one pass over the tokens, no allocation. */
    public static boolean applies(List<Token> t) {
        if (t.isEmpty()) return false;
        if (isTableDdl(t)) return false;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            String s = x.text();
            switch (x.kind()) {
                case SYMBOL -> {
                    switch (s.charAt(0)) {
                        case '/', '%' -> {
                            return true;
                        }
                        case '!' -> {
                            if (!(i + 1 < t.size() && t.get(i + 1).text().equals("="))) return true;
                        }
                        case '<' -> {
                            if (i + 2 < t.size() && t.get(i + 1).text().equals("=") && t.get(i + 2).text().equals(">")) return true;
                        }
                        case '+', '-', '*' -> {
                            if (arithmeticNeighbour(t, i) || (s.charAt(0) != '*' && typedNull(t, i + 1))) return true;
                        }
                        default -> { }
                    }
                }
                case NUMBER -> {
                    if (s.length() > 2 && isExponent(s)) return true;
                }
                case WORD -> {
                    if (s.length() >= 3 && s.length() <= 18 && Arrays.binarySearch(TRIGGER_HASHES, upperHash(s)) >= 0
                            && TRIGGER_WORDS.contains(s)) {
                        return true;
                    }
                }
                default -> { }
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
        java.util.TreeMap<Integer, String> aliases = new java.util.TreeMap<>(); // insert position -> alias
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
                    int at = t.get(k - 1).end();
                    String label = sql.substring(t.get(itemStart).start(), at);
                    if (label.length() > 256) label = label.substring(0, 256); // MySQL's longest column name
                    aliases.put(at, " AS `" + label.replace("`", "``") + "`");
                }
                if (x == null || !x.text().equals(",")) break;
                itemStart = k + 1;
            }
        }
        if (aliases.isEmpty()) return sql;
        StringBuilder out = new StringBuilder(sql.length() + 32 * aliases.size());
        int copied = 0;
        for (java.util.Map.Entry<Integer, String> a : aliases.entrySet()) {
            out.append(sql, copied, a.getKey()).append(a.getValue());
            copied = a.getKey();
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static boolean hasAlias(List<Token> t, int first, int last) {
        if (last == first) return false;
        Token l = t.get(last), p = t.get(last - 1);
        boolean name = l.kind() == Kind.BACKTICK || l.kind() == Kind.DQUOTE || l.kind() == Kind.STRING
                || (l.kind() == Kind.WORD && !l.is("END") && !l.is("NULL") && !l.is("TRUE") && !l.is("FALSE"));
        if (!name) return false;
        if (p.is("AS")) return true;
        if (last >= first + 2 && t.get(last - 2).is("INTERVAL")) return false; // INTERVAL n DAY
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
            if ((s.equals("-") || s.equals("+")) && typedNull(t, i + 1) && !Operands.operandEndsBefore(t, i)) {
                // -CAST(NULL AS T) is NULL; H2 would drop the type, and SUM/AVG of an untyped NULL fail
                int first = i;
                while (first > 0 && (t.get(first - 1).text().equals("-") || t.get(first - 1).text().equals("+"))
                        && !Operands.operandEndsBefore(t, first - 1)) {
                    first--;
                }
                return new Edit(t.get(first).start(), x.end(), "", t.get(first).start());
            }
            if ((s.equals("/") || s.equals("%")) && Operands.operandEndsBefore(t, i)) {
                return binary(sql, t, i, s.equals("/") ? "#DIVIDE" : "MOD");
            }
            if (s.equals("<") && i + 2 < t.size() && t.get(i + 1).text().equals("=") && t.get(i + 2).text().equals(">")
                    && t.get(i + 1).start() == x.end() && t.get(i + 2).start() == t.get(i + 1).end()) {
                // a <=> b (12.4.2): NULL-safe equality
                return new Edit(x.start(), t.get(i + 2).end(), " IS NOT DISTINCT FROM ", x.start() + 22);
            }
            if (s.equals("!") && !(i + 1 < t.size() && t.get(i + 1).text().equals("="))) {
                int end = Operands.rightOperandEnd(t, i + 1);
                if (end < 0) return null;
                return new Edit(x.start(), t.get(end).end(), "(NOT " + sql.substring(t.get(i + 1).start(), t.get(end).end())
                        + ")", x.start() + 1);
            }
            return null;
        }
        if (x.kind() == Kind.WORD) {
            if (x.is("XOR") && !(i + 1 < t.size() && t.get(i + 1).text().equals("("))) {
                return xor(sql, t, i);
            }
            if ((x.is("DIV") || x.is("MOD")) && Operands.operandEndsBefore(t, i)) { // infix: an operand precedes it
                return binary(sql, t, i, x.is("DIV") ? "#INTDIV" : "MOD");
            }
            if (i + 1 < t.size() && t.get(i + 1).text().equals("(") && (i == 0 || !t.get(i - 1).text().equals("."))) {
                return function(sql, t, i);
            }
            if (x.is("CURRENT_TIMESTAMP") || x.is("LOCALTIMESTAMP")) {
                return new Edit(x.start(), x.end(), "LOCALTIMESTAMP(0)", x.start() + 17);
            }
            if (x.is("RLIKE")) return new Edit(x.start(), x.end(), "REGEXP", x.start() + 6);
            if ((x.is("TRUE") || x.is("FALSE")) && !(i > 0 && (t.get(i - 1).is("IS") || t.get(i - 1).is("NOT")))) {
                return new Edit(x.start(), x.end(), x.is("TRUE") ? "1" : "0", x.start() + 1); // 9.1.6 Boolean Literals
            }
            if (x.is("INTERVAL") && i > 0 && (t.get(i - 1).text().equals("+") || t.get(i - 1).text().equals("-"))
                    && Operands.operandEndsBefore(t, i - 1)) {
                return intervalArithmetic(sql, t, i);
            }
            if (x.is("BINARY") && i + 1 < t.size() && !(i > 0 && t.get(i - 1).is("AS"))
                    && !t.get(i + 1).text().equals(")") && !t.get(i + 1).text().equals("(")) {
                return binaryComparison(sql, t, i);
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
        if (x.kind() == Kind.STRING && !hasInterval) {
            Token prefix = i > 0 && t.get(i - 1).end() == x.start() && t.get(i - 1).kind() == Kind.WORD ? t.get(i - 1) : null;
            boolean bits = prefix != null && prefix.text().equalsIgnoreCase("b");
            boolean hex = prefix != null && prefix.text().equalsIgnoreCase("x");
            if ((bits || hex) && (inArithmetic(t, i - 1, false) || inArithmetic(t, i, false))) {
                // b'101' and x'41' in arithmetic are integers (9.1.5 Bit-Value Literals, 9.1.4 Hexadecimal Literals)
                String digits = x.identifier();
                String n = digits.isEmpty() ? "0" : new java.math.BigInteger(digits, bits ? 2 : 16).toString();
                return new Edit(prefix.start(), x.end(), n, prefix.start() + n.length());
            }
            if (prefix == null && inArithmetic(t, i, false)) {
                String value = x.identifier();
                if (!io.strata.engine.mysql.functions.Conversions.isNumber(value)) {
                    // not entirely a number: its prefix, with warning 1292, every time the statement runs
                    String call = FunctionCatalog.call("#TRUNCATED_DOUBLE") + "(" + x.text() + ")";
                    return new Edit(x.start(), x.end(), call, x.start() + call.length());
                }
                double v = StringFunctions.numericPrefix(value);
                String lit = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                return new Edit(x.start(), x.end(), "CAST(" + lit + " AS DOUBLE)", x.start() + 5 + lit.length());
            }
        }
        return null;
    }

    /** Words that end the left operand of XOR (an operator of lower precedence, or a clause). */
    private static final Set<String> XOR_LEFT_STOP = Set.of("OR", "XOR", "SELECT", "WHERE", "HAVING", "ON", "WHEN",
            "THEN", "ELSE", "SET", "RETURN", "BY", "DISTINCT", "ALL", "VALUES", "VALUE", "ELSEIF", "IF", "DO", "AS",
            "INTO", "USING");
    /** Words that end the right operand of XOR. */
    private static final Set<String> XOR_RIGHT_STOP = Set.of("OR", "XOR", "FROM", "WHERE", "GROUP", "ORDER",
            "HAVING", "LIMIT", "THEN", "ELSE", "END", "WHEN", "AS", "INTO", "UNION", "EXCEPT", "INTERSECT", "FOR",
            "WINDOW", "ASC", "DESC", "LOCK", "SEPARATOR", "ON");

    /**
     * {@code a XOR b} as {@code STRATA_XOR(a, b)}. XOR binds more loosely than AND and NOT and more tightly
     * than OR (12.4.1 Operator Precedence), and associates to the left.
     */
    private static Edit xor(String sql, List<Token> t, int op) {
        int ls = op, depth = 0;
        for (int k = op - 1; k >= 0; k--, ls--) {
            Token y = t.get(k);
            if (y.kind() == Kind.SYMBOL && y.text().equals(")")) depth++;
            else if (y.kind() == Kind.SYMBOL && y.text().equals("(")) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && y.is("END")) {
                int c = Operands.matchBack(t, k, "CASE", "END");
                if (c < 0) return null;
                ls -= k - c;
                k = c;
            } else if (depth == 0 && ((y.kind() == Kind.SYMBOL && (y.text().equals(",") || y.text().equals(";")))
                    || (y.kind() == Kind.WORD && XOR_LEFT_STOP.contains(y.upper())))) {
                break;
            }
        }
        int re = op;
        depth = 0;
        for (int k = op + 1; k < t.size(); k++, re++) {
            Token y = t.get(k);
            if (y.kind() == Kind.SYMBOL && y.text().equals("(")) depth++;
            else if (y.kind() == Kind.SYMBOL && y.text().equals(")")) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && y.is("CASE")) {
                int e = Operands.matchForward(t, k, "CASE", "END");
                if (e < 0) return null;
                re += e - k;
                k = e;
            } else if (depth == 0 && ((y.kind() == Kind.SYMBOL && (y.text().equals(",") || y.text().equals(";")))
                    || (y.kind() == Kind.WORD && XOR_RIGHT_STOP.contains(y.upper())))) {
                break;
            }
        }
        if (ls >= op || re <= op) return null;
        String left = sql.substring(t.get(ls).start(), t.get(op - 1).end());
        String right = sql.substring(t.get(op + 1).start(), t.get(re).end());
        String call = FunctionCatalog.call("#XOR") + "(";
        return new Edit(t.get(ls).start(), t.get(re).end(), call + left + ", " + right + ")", t.get(ls).start() + call.length());
    }

    /**
     * MOD(a, b) with MySQL's semantics, from already rewritten operands: NULL with warning 1365 on a zero
     * divisor, and the divisor given the dividend's type too, since H2 converts the dividend to the divisor's
     * type ({@code MOD(10.5, 3)} would be {@code MOD(11, 3)}).
     */
    private static String mod(String a, String b) {
        return "CASE WHEN (" + b + ") = 0 THEN " + FunctionCatalog.call("#ZERO_DIVISOR") + "() ELSE MOD(" + a + ", ("
                + b + ") + 0 * (" + a + ")) END";
    }

    /** True if tokens from k read CAST ( NULL AS. */
    private static boolean typedNull(List<Token> t, int k) {
        return k + 3 < t.size() && t.get(k).is("CAST") && t.get(k + 1).text().equals("(") && t.get(k + 2).is("NULL")
                && t.get(k + 3).is("AS");
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
        if (kind.equals("MOD")) {
            String text = mod(rewrite(left), rewrite(right));
            return new Edit(t.get(ls).start(), t.get(re).end(), text, t.get(ls).start() + text.length());
        }
        if (kind.equals("#DIVIDE") && (left.strip().equalsIgnoreCase("NULL") || right.strip().equalsIgnoreCase("NULL"))) {
            return new Edit(t.get(ls).start(), t.get(re).end(), "CAST(NULL AS DOUBLE)", t.get(ls).start() + 20);
        }
        boolean floating = left.contains(" AS DOUBLE)") || right.contains(" AS DOUBLE)")
                || left.contains("STRATA_TRUNCATED_DOUBLE(") || right.contains("STRATA_TRUNCATED_DOUBLE(");
        String text = kind.equals("#DIVIDE") && floating // DOUBLE division
                ? "(" + left + ") / " + FunctionCatalog.call("#NONZERO_DIVISOR") + "(" + right + ")"
                : FunctionCatalog.call(kind.equals("#DIVIDE") ? "#QUOTIENT" : "#INT_QUOTIENT") + "(" + left + ", " + right + ")";
        int resume = t.get(ls).start() + (kind.equals("#DIVIDE") && floating ? left.length() + 4 : 0);
        return new Edit(t.get(ls).start(), t.get(re).end(), text, resume);
    }

    private static Edit arrow(String sql, List<Token> t, int i) {
        boolean unquote = t.get(i + 2).text().equals(">");
        int path = i + (unquote ? 3 : 2);
        if (path >= t.size() || t.get(path).kind() != Kind.STRING) return null;
        int ls = Operands.primaryStart(t, i - 1);
        if (ls < 0) return null;
        String extract = FunctionCatalog.call("JSON_EXTRACT") + "(" + sql.substring(t.get(ls).start(), t.get(i - 1).end())
                + ", " + t.get(path).text() + ")";
        String text = unquote ? FunctionCatalog.call("JSON_UNQUOTE") + "(" + extract + ")" : extract;
        return new Edit(t.get(ls).start(), t.get(path).end(), text, t.get(ls).start() + text.length());
    }

    private static Edit function(String sql, List<Token> t, int i) {
        Token name = t.get(i);
        String n = name.upper();
        if (i > 0 && (t.get(i - 1).is("AS") || NAME_CONTEXT.contains(t.get(i - 1).upper()))) {
            return null; // a type, as in CAST(x AS CHAR(3)), or a table, as in INSERT INTO conv (id)
        }
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
            case "LENGTH": {
                String call = FunctionCatalog.call("#LENGTH");
                return new Edit(start, name.end(), call, start + call.length());
            }
            case "CONVERT": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.size() == 2) { // CONVERT(expr, type)
                    String text = cast(args.get(0), args.get(1).strip());
                    return new Edit(start, end, text, start);
                }
                int using = -1;
                for (int k = i + 2; k < close; k++) if (t.get(k).is("USING")) using = k;
                if (using < 0) return null;
                String text = "(" + sql.substring(t.get(i + 2).start(), t.get(using - 1).end()) + ")"; // CONVERT(x USING cs)
                return new Edit(start, end, text, start + 1);
            }
            case "CAST": {
                int as = -1, depth = 0;
                for (int k = i + 2; k < close; k++) {
                    Token y = t.get(k);
                    if (y.text().equals("(")) depth++;
                    else if (y.text().equals(")")) depth--;
                    else if (depth == 0 && y.is("AS")) as = k;
                }
                if (as < 0 || as + 1 >= close) return null;
                String type = sql.substring(t.get(as + 1).start(), t.get(close - 1).end());
                String text = castToTemporal(sql.substring(t.get(i + 2).start(), t.get(as - 1).end()), type);
                return text == null ? null : new Edit(start, end, text, start + text.indexOf('(') + 1);
            }
            case "HOUR", "MINUTE", "SECOND": {
                if (close != i + 3 || t.get(i + 2).kind() != Kind.STRING) return null;
                String text = n + "(" + temporalString(t.get(i + 2)) + ")";
                return new Edit(start, end, text, start + text.length());
            }
            case "EXTRACT": {
                if (close < i + 5 || t.get(i + 2).kind() != Kind.WORD || !t.get(i + 3).is("FROM")) return null;
                String unit = t.get(i + 2).upper();
                String from = sql.substring(t.get(i + 4).start(), t.get(close - 1).end());
                if (unit.indexOf('_') > 0) { // compound unit: DAY_MINUTE, YEAR_MONTH, ...
                    String call = FunctionCatalog.call("#EXTRACT") + "('" + unit + "', ";
                    return new Edit(start, end, call + from + ")", start + call.length());
                }
                if (close != i + 5 || t.get(i + 4).kind() != Kind.STRING) return null;
                String text = "EXTRACT(" + unit + " FROM " + temporalString(t.get(i + 4)) + ")";
                return new Edit(start, end, text, start + text.length());
            }
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
            case "MID":
                return new Edit(start, name.end(), "SUBSTRING", start + 9);
            case "POW":
                return new Edit(start, name.end(), "POWER", start + 5);
            case "BIT_AND", "BIT_OR", "BIT_XOR":
                return new Edit(start, name.end(), n + "_AGG", start + n.length() + 4);
            case "CHAR": {
                String call = FunctionCatalog.call("#CHAR");
                return new Edit(start, name.end(), call, start + call.length());
            }
            case "TIMESTAMPDIFF": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.size() != 3) return null;
                String call = FunctionCatalog.call("#TIMESTAMPDIFF") + "('" + args.get(0).strip() + "', ";
                return new Edit(start, end, call + args.get(1) + ", " + args.get(2) + ")", start + call.length());
            }
            case "DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.size() != 2) return null;
                String text = dateAdd(args.get(0), args.get(1), n.equals("DATE_SUB") || n.equals("SUBDATE"));
                return text == null ? null : new Edit(start, end, text, start + 8);
            }
            case "DATEDIFF": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.size() != 2) return null;
                String text = "DATEDIFF(DAY, CAST(" + args.get(1) + " AS DATE), CAST(" + args.get(0) + " AS DATE))";
                return new Edit(start, end, text, start + 14);
            }
            case "MOD": {
                List<String> args = arguments(sql, t, i + 1, close);
                if (args.size() != 2) return null;
                String mod = mod(rewrite(args.get(0)), rewrite(args.get(1)));
                return new Edit(start, end, mod, start + mod.length());
            }
            case "STR_TO_DATE": {
                List<String> args = arguments(sql, t, i + 1, close);
                String call = FunctionCatalog.call(n) + "(" + inner + ")";
                boolean literal = args.size() == 2 && t.get(close - 1).kind() == Kind.STRING && t.get(close - 2).text().equals(",");
                String fmt = literal ? t.get(close - 1).identifier() : "";
                boolean time = fmt.matches("(?s).*%[HkhIlisSfpTr].*"), date = fmt.matches("(?s).*%[YyMmcbDdejaWUuVvXx].*");
                String text = literal && !time ? "CAST(" + call + " AS DATE)" : literal && !date ? "CAST(" + call + " AS TIME)" : call;
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

    private static final Set<String> COMPARISONS = Set.of("=", "<", ">", "LIKE");

    /**
     * {@code BINARY x op y} / {@code y op BINARY x} (14.10 Cast Functions, BINARY): the comparison made byte by
     * byte, as H2 compares VARBINARY values; both sides are cast, since H2 does not compare VARBINARY with
     * VARCHAR. A BINARY outside a comparison is left for H2 to reject.
     */
    private static Edit binaryComparison(String sql, List<Token> t, int i) {
        int xe = Operands.rightOperandEnd(t, i + 1);
        if (xe < 0) return null;
        String x = "CAST(" + sql.substring(t.get(i + 1).start(), t.get(xe).end()) + " AS VARBINARY)";
        int op = xe + 1, opEnd = op;
        if (op < t.size() && isComparison(t.get(op))) {
            while (opEnd + 1 < t.size() && t.get(opEnd + 1).kind() == Kind.SYMBOL && "=<>".contains(t.get(opEnd + 1).text())) opEnd++;
            int ye = Operands.rightOperandEnd(t, opEnd + 1);
            if (ye < 0) return null;
            String text = x + " " + sql.substring(t.get(op).start(), t.get(opEnd).end()) + " CAST("
                    + sql.substring(t.get(opEnd + 1).start(), t.get(ye).end()) + " AS VARBINARY)";
            return new Edit(t.get(i).start(), t.get(ye).end(), text, t.get(i).start() + 5);
        }
        int before = i - 1;
        while (before > 0 && t.get(before).kind() == Kind.SYMBOL && "=<>".contains(t.get(before).text())
                && t.get(before - 1).kind() == Kind.SYMBOL && "=<>!".contains(t.get(before - 1).text())) before--;
        if (before > 0 && isComparison(t.get(before))) {
            int ys = Operands.primaryStart(t, before - 1);
            if (ys < 0) return null;
            String text = "CAST(" + sql.substring(t.get(ys).start(), t.get(before - 1).end()) + " AS VARBINARY) "
                    + sql.substring(t.get(before).start(), t.get(i - 1).end()) + " " + x;
            return new Edit(t.get(ys).start(), t.get(xe).end(), text, t.get(ys).start() + 5);
        }
        return null;
    }

    private static boolean isComparison(Token x) {
        return x.kind() == Kind.SYMBOL ? COMPARISONS.contains(x.text()) || x.text().equals("!") : x.is("LIKE");
    }

    /** {@code CAST(x AS type)} in MySQL's reading (see {@link #castToTemporal}). */
    private static String cast(String x, String type) {
        String temporal = castToTemporal(x, type);
        return temporal != null ? temporal : "CAST(" + x + " AS " + type + ")";
    }

    /**
     * CAST to DATE or DATETIME[(fsp)] as MySQL reads strings and numbers (invalid: NULL with warning 1292), or
     * null for other types.
     */
    private static String castToTemporal(String x, String type) {
        List<Token> tt = SqlScanner.tokenize(type);
        if (tt.size() == 1 && tt.get(0).is("DATE")) return FunctionCatalog.call("#TO_DATE") + "(" + x + ")";
        if (!tt.isEmpty() && tt.get(0).is("DATETIME")) {
            String fsp = tt.size() == 4 && tt.get(2).kind() == Kind.NUMBER ? tt.get(2).text() : tt.size() == 1 ? "0" : null;
            if (fsp == null) return null;
            return "CAST(" + FunctionCatalog.call("#TO_DATETIME") + "(" + x + ") AS TIMESTAMP(" + fsp + "))";
        }
        return null;
    }

    /** A string literal as H2 needs it where MySQL reads it as a time ({@code '10:11:12'}) or a datetime. */
    private static String temporalString(Token literal) {
        String v = literal.identifier();
        if (v.indexOf('-') > 0 || v.indexOf('/') > 0) {
            return FunctionCatalog.call("#TO_DATETIME") + "(" + literal.text() + ")";
        }
        return v.indexOf(':') > 0 ? "CAST(" + literal.text() + " AS TIME)" : FunctionCatalog.call("#TO_DATETIME") + "(" + literal.text() + ")";
    }

    private static final Set<String> UNITS = Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH",
            "QUARTER", "YEAR");

    /**
     * DATE_ADD(x, INTERVAL n unit) / ADDDATE(x, n) as H2's DATEADD(unit, n, x) (14.7 Date and Time Functions);
     * a string literal x is read as a DATE, or a DATETIME if it has a time. Null if the interval is compound.
     */
    private static String dateAdd(String x, String interval, boolean subtract) {
        List<Token> it = SqlScanner.tokenize(interval);
        String unit = "DAY", n = interval;
        if (!it.isEmpty() && it.get(0).is("INTERVAL")) {
            if (it.size() < 3 || !UNITS.contains(it.get(it.size() - 1).upper())) return null;
            unit = it.get(it.size() - 1).upper();
            n = interval.substring(it.get(1).start(), it.get(it.size() - 2).end());
        }
        return "DATEADD(" + unit + ", " + (subtract ? "-" : "") + "(" + n + "), " + temporal(x) + ")";
    }

    /** A string literal as a typed DATE/TIMESTAMP literal; anything else unchanged. */
    private static String temporal(String x) {
        List<Token> xt = SqlScanner.tokenize(x);
        if (xt.size() == 1 && xt.get(0).kind() == Kind.STRING) {
            return "CAST(" + x + (xt.get(0).identifier().contains(":") ? " AS TIMESTAMP)" : " AS DATE)");
        }
        return x;
    }

    /** {@code x + INTERVAL n unit} / {@code x - INTERVAL n unit} as DATEADD (12.10 Date arithmetic). */
    private static Edit intervalArithmetic(String sql, List<Token> t, int i) {
        int op = i - 1;
        int ls = Operands.leftOperandStart(t, op);
        int ne = Operands.rightOperandEnd(t, i + 1);
        if (ls < 0 || ne < 0 || ne + 1 >= t.size() || !UNITS.contains(t.get(ne + 1).upper())) return null;
        String x = sql.substring(t.get(ls).start(), t.get(op - 1).end());
        String n = sql.substring(t.get(i + 1).start(), t.get(ne).end());
        String text = "DATEADD(" + t.get(ne + 1).upper() + ", " + (t.get(op).text().equals("-") ? "-" : "") + "(" + n + "), "
                + temporal(x) + ")";
        return new Edit(t.get(ls).start(), t.get(ne + 1).end(), text, t.get(ls).start() + 8);
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
