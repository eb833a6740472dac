package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import io.strata.engine.mysql.rewrite.Expressions;
import io.strata.engine.mysql.rewrite.OrderedDml;
import io.strata.engine.mysql.rewrite.Rollup;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites one MySQL statement (comments already expanded) into H2 (MODE=MySQL) SQL: system variables
 * ({@code @@x}, {@code @@session.x}, {@code @@global.x}) and session functions ({@code DATABASE()},
 * {@code LAST_INSERT_ID()}, {@code CONNECTION_ID()}, {@code USER()}, {@code VERSION()}) become literals
 * (aliased with their MySQL column name in select lists); MySQL string literals (backslash escapes,
 * double-quoted strings) become standard SQL literals; MySQL functions H2 lacks become H2 expressions
 * ({@link StringFunctions}).
 */
final class Rewriter {
    private static final Set<String> SELECT_LIST_END = Set.of("FROM", "LIMIT", "WHERE", "INTO", "ORDER", "GROUP",
            "HAVING", "UNION", "FOR", "WINDOW");

    private static final Set<String> CHARSET_INTRODUCERS = Set.of("_UTF8MB4", "_UTF8", "_UTF8MB3", "_LATIN1",
            "_ASCII", "_BINARY");

    private Rewriter() {}

    static String rewrite(MySqlSession s, String sql, List<Token> tokens) {
        if (Rollup.applies(tokens)) { // GROUP BY .. WITH ROLLUP as a union of grouping levels (rewrite package)
            sql = Rollup.rewrite(sql);
            tokens = SqlScanner.tokenize(sql);
        }
        String ordered = OrderedDml.rewrite(sql, tokens);
        if (ordered != null) {
            sql = ordered;
            tokens = SqlScanner.tokenize(sql);
        }
        if (Expressions.applies(tokens)) { // MySQL's operator and function semantics (rewrite package)
            sql = Expressions.rewrite(sql);
            tokens = SqlScanner.tokenize(sql);
        }
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int copied = 0, depth = 0;
        boolean seenFrom = false;
        java.util.Map<Integer, String> pending = new java.util.HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String replacement = null;
            int last = i;
            int lockEnd = t.kind() == Kind.WORD && DialectRules.LOCK_FUNCTIONS.contains(t.upper()) && i + 1 < tokens.size()
                    && tokens.get(i + 1).text().equals("(") ? DialectRules.literalArgsEnd(tokens, i + 2) : -1;
            if (pending.containsKey(i)) {
                if (t.text().equals(")")) depth--;
                out.append(sql, copied, t.start()).append(pending.get(i));
                copied = t.end();
                continue;
            }
            String[] setType = new String[1];
            int setEnd = DialectRules.setType(tokens, i, setType);
            if (setEnd > i) {
                out.append(sql, copied, t.start()).append(setType[0]);
                copied = tokens.get(setEnd).end();
                i = setEnd;
                continue;
            }
            int dropUntil = DialectRules.droppedClauseEnd(tokens, i);
            if (dropUntil == -2) { // DOUBLE(M,D): keep DOUBLE
                out.append(sql, copied, t.end());
                copied = tokens.get(i + 5).end();
                i += 5;
                continue;
            }
            if (dropUntil >= i) {
                out.append(sql, copied, t.start());
                copied = tokens.get(dropUntil).end();
                i = dropUntil;
                continue;
            }
            if (t.is("JSON") && DialectRules.isColumnType(tokens, i)) {
                // MySQL's JSON column (13.5 The JSON Data Type) stored as text, as MariaDB does (LONGTEXT):
                // H2's JSON type would store an inserted string as a JSON string, not parse it
                out.append(sql, copied, t.start()).append("VARCHAR");
                copied = t.end();
                continue;
            }
            String[] function = new String[1];
            int functionEnd = StringFunctions.substringIndex(s, sql, tokens, i, function);
            if (functionEnd > i) {
                replacement = function[0];
                last = functionEnd;
            } else if (lockEnd > i) {
                last = lockEnd;
                replacement = SqlScanner.literal(DialectRules.lockFunction(s, t.upper(), tokens.subList(i + 2, last)));
            } else if (t.kind() == Kind.SYSVAR) {
                replacement = SqlScanner.literal(sysvar(s, t.text()));
            } else if (t.kind() == Kind.STRING && t.text().indexOf('\\') >= 0) {
                replacement = SqlScanner.literal(t.identifier());
            } else if (t.kind() == Kind.DQUOTE) {
                replacement = SqlScanner.literal(t.identifier());
            } else if (t.kind() == Kind.WORD && i + 2 < tokens.size() && tokens.get(i + 1).text().equals("(")
                    && tokens.get(i + 2).text().equals(")") && (i == 0 || !tokens.get(i - 1).text().equals("."))) {
                Object value = function(s, t.upper());
                if (value != NONE) {
                    replacement = SqlScanner.literal(value);
                    last = i + 2;
                }
            } else if ((t.kind() == Kind.WORD || t.kind() == Kind.BACKTICK)
                    && t.identifier().equalsIgnoreCase("information_schema") && i + 2 < tokens.size()
                    && tokens.get(i + 1).text().equals(".") && (i + 3 >= tokens.size() || !tokens.get(i + 3).text().equals("."))
                    && InformationSchema.query(tokens.get(i + 2).identifier()) != null) {
                String name = tokens.get(i + 2).identifier();
                replacement = "(" + InformationSchema.query(name) + ")"
                        + (hasAlias(tokens, i + 3) ? "" : " AS " + name.toLowerCase(java.util.Locale.ROOT));
                last = i + 2;
            } else if (t.kind() == Kind.WORD && t.text().startsWith("_") && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Kind.STRING && CHARSET_INTRODUCERS.contains(t.upper())) {
                replacement = ""; // _utf8mb4'x': H2 has no introducers; the string follows
            } else if ((t.is("UNSIGNED") || t.is("SIGNED")) && i > 0 && tokens.get(i - 1).is("AS")) {
                replacement = "BIGINT"; // CAST(x AS UNSIGNED [INTEGER])
                if (i + 1 < tokens.size() && tokens.get(i + 1).is("INTEGER")) last = i + 1;
            } else if (t.kind() == Kind.WORD && t.text().equalsIgnoreCase("b") && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Kind.STRING && tokens.get(i + 1).start() == t.end()) {
                replacement = new java.math.BigInteger("0" + tokens.get(i + 1).identifier(), 2).toString(); // b'101'
                last = i + 1;
            } else if (t.is("IF") && i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(")) {
                replacement = "CASEWHEN"; // MySQL IF(c, a, b)
            } else if (t.is("CHAR") && i > 0 && tokens.get(i - 1).is("AS") && i + 1 < tokens.size()
                    && tokens.get(i + 1).text().equals(")")) {
                replacement = "VARCHAR"; // CAST(x AS CHAR) is unbounded in MySQL, CHAR(1) in H2
            } else if (t.kind() == Kind.BACKTICK && depth == 0 && !seenFrom && i > 0 && tokens.get(i - 1).is("AS")) {
                // a column alias keeps its case (H2 folds backtick-quoted names like unquoted ones)
                out.append(sql, copied, t.start()).append(SqlScanner.quoteIdentifier(t.identifier()));
                copied = t.end();
                continue;
            } else if (t.is("FROM") && depth == 0) {
                seenFrom = true;
            } else if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")")) {
                depth--;
            }
            if (replacement == null) continue;
            out.append(sql, copied, t.start()).append(replacement);
            Token end = tokens.get(last);
            if (t.kind() != Kind.STRING && t.kind() != Kind.DQUOTE && !replacement.isEmpty() && !replacement.startsWith("(")
                    && !replacement.equals("VARCHAR") && !replacement.equals("CASEWHEN") && !replacement.equals("BIGINT") && depth == 0 && inSelectList(tokens, i, last)) {
                out.append(" AS ").append(SqlScanner.quoteIdentifier(sql.substring(t.start(), end.end())));
            }
            copied = end.end();
            i = last;
        }
        out.append(sql, copied, sql.length());
        return out.toString();
    }

    private static final Object NONE = new Object();
    /**
     * MySQL lets HAVING without GROUP BY filter on select-list aliases (Connector/J's getTables does); H2
     * resolves such names to table columns. Rewrites {@code SELECT .. HAVING c [ORDER BY ..] [LIMIT ..]} to
     * {@code SELECT * FROM (SELECT .. [ORDER BY ..]) WHERE c [LIMIT ..]}. Returns null if not applicable.
     */
    static String havingWithoutGroupBy(String sql, List<Token> tokens) {
        if (tokens.isEmpty() || !tokens.get(0).is("SELECT")) return null;
        int depth = 0, having = -1, order = -1, limit = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.text().equals("(")) depth++;
            else if (t.text().equals(")")) depth--;
            else if (depth == 0 && t.kind() == Kind.WORD) {
                switch (t.upper()) {
                    case "GROUP", "UNION", "INTO", "FOR", "LOCK", "WINDOW" -> {
                        return null;
                    }
                    case "HAVING" -> having = i;
                    case "ORDER" -> order = having >= 0 && order < 0 ? i : order;
                    case "LIMIT" -> limit = having >= 0 ? i : limit;
                    default -> { }
                }
            }
        }
        if (having < 0) return null;
        int condEnd = order >= 0 ? order : limit >= 0 ? limit : tokens.size();
        String head = sql.substring(0, tokens.get(having).start());
        String cond = sql.substring(tokens.get(having).end(), condEnd < tokens.size() ? tokens.get(condEnd).start() : sql.length());
        String orderBy = order >= 0 ? sql.substring(tokens.get(order).start(), limit >= 0 ? tokens.get(limit).start() : sql.length()) : "";
        String limitText = limit >= 0 ? sql.substring(tokens.get(limit).start()) : "";
        return "SELECT * FROM (" + head + orderBy + ") AS strata_having WHERE " + cond + " " + limitText;
    }

    private static Object function(MySqlSession s, String name) {
        return switch (name) {
            case "DATABASE", "SCHEMA" -> s.database();
            case "LAST_INSERT_ID" -> s.lastInsertId();
            case "CONNECTION_ID" -> s.connectionId();
            case "USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER" -> s.user() + "@" + s.host();
            case "VERSION" -> SystemVariables.VERSION;
            case "UTC_TIMESTAMP" -> java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
            case "UTC_DATE" -> java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            case "FOUND_ROWS" -> s.lastFoundRows();
            case "ROW_COUNT" -> s.lastRowCount();
            default -> NONE;
        };
    }

    /** Resolves {@code @@[session.|global.|local.]name}. */
    static Object sysvar(MySqlSession s, String token) {
        String name = token.substring(2);
        boolean global = false;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("session.") || lower.startsWith("local.")) {
            name = name.substring(name.indexOf('.') + 1);
        } else if (lower.startsWith("global.")) {
            name = name.substring(7);
            global = true;
        }
        if (name.startsWith("`")) name = name.substring(1, name.length() - 1);
        return s.variable(name, global);
    }

    private static final Set<String> NOT_ALIAS = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "ON",
            "ORDER", "GROUP", "LIMIT", "UNION", "HAVING", "USING", "NATURAL", "STRAIGHT_JOIN", "FOR", "WINDOW", "FULL",
            "OUTER", "EXCEPT", "INTERSECT", "LOCK", "INTO");

    private static boolean hasAlias(List<Token> tokens, int i) {
        if (i >= tokens.size()) return false;
        Token t = tokens.get(i);
        return t.kind() == Kind.BACKTICK || (t.kind() == Kind.WORD && !NOT_ALIAS.contains(t.upper()));
    }

    private static boolean inSelectList(List<Token> tokens, int first, int last) {
        if (first == 0) return false;
        Token prev = tokens.get(first - 1);
        boolean prevOk = prev.is("SELECT") || prev.text().equals(",") || prev.is("DISTINCT");
        if (!prevOk) return false;
        if (last + 1 >= tokens.size()) return true;
        Token next = tokens.get(last + 1);
        return next.text().equals(",") || next.text().equals(";")
                || (next.kind() == Kind.WORD && SELECT_LIST_END.contains(next.upper()));
    }
}
