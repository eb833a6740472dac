package io.strata.engine.mysql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One session's memory of which statement shapes pass through the MySQL layer unchanged, so that the next
 * statement of a known shape skips tokenizing, interception and rewriting and goes to H2 as it is.
 *
 * <p>Clients with client-side prepared statements (Connector/J's default) send the same statement again and
 * again with other literals ({@code SELECT c FROM sbtest1 WHERE id=42}). The {@linkplain #key shape} of a
 * statement is its text with the literals in <em>plain value positions</em> replaced by a marker of their
 * class; every other character, literals elsewhere included, stays as it is. A plain value position is one
 * whose neighbours are a comparison ({@code = < > <= >= <> !=}), {@code BETWEEN .. AND}, {@code LIMIT},
 * {@code OFFSET}, an element of a {@code VALUES} tuple or an {@code IN} list, followed by {@code ) ,}, the
 * end or a clause word ({@code AND OR WHERE ORDER GROUP HAVING LIMIT OFFSET FOR UNION}). No rule of
 * {@link Rewriter}, {@link io.strata.engine.mysql.rewrite.Expressions} or {@link Commands} looks at the value of
 * a literal there (they look at literals in arithmetic, function arguments, typed and introduced literals, all
 * of which stay in the shape), and the class marker keeps apart what they do distinguish (integer length,
 * decimal, string). So whether a statement passes through unchanged is a property of its shape, and
 * {@link MySqlSession} records it the first time it takes the full path.
 *
 * <p>Statements with anything the layer resolves per session or per execution are not shaped at all
 * ({@link #key} returns null): comments, variables ({@code @x}, {@code @@x}), double-quoted text,
 * backslash escapes, placeholders, several statements. A shape that passed through once passes through for
 * every session state, since the rewrite of such a statement reads no session state or schema (session
 * functions like {@code DATABASE()} are rewritten, so their shapes are never recorded). As a second line of
 * defence, the session {@linkplain #clear clears} the memory whenever it runs anything but
 * SELECT/INSERT/UPDATE/DELETE/REPLACE through the full path (SET, USE, DDL, ...).
 *
 * <p>For shapes whose abstracted literals are all {@linkplain #shape preparable}, the session also keeps an H2
 * prepared statement with a parameter in place of each such literal, so H2 parses and plans the shape once
 * instead of once per statement (H2 reuses a parsed command only for identical text).
 *
 * <p>Bounded: at most {@value #CAPACITY} shapes and {@value #PREPARED_CAPACITY} prepared statements, least
 * recently used dropped (and closed) first; statements longer than {@value #MAX_SQL} characters are not shaped.
 * Concurrency: used by the session's thread only.
 */
final class StatementShapes {
    static final int CAPACITY = 256;
    static final int MAX_SQL = 4096;
    static final int PREPARED_CAPACITY = 64;
    private static final int MAX_DEPTH = 32;
    private static final char MARK = '\u0001';
    private static final Set<String> FIRST_WORDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE");
    private static final Set<String> COMPARISONS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=");
    private static final Set<String> FOLLOWERS = Set.of("AND", "OR", "WHERE", "ORDER", "GROUP", "HAVING", "LIMIT",
            "OFFSET", "FOR", "UNION");
    private static final byte OTHER = 0, VALUES = 1, IN = 2;

    private final Map<String, Boolean> passThrough = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** H2 statements of preparable shapes, with a parameter for each abstracted literal. */
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= PREPARED_CAPACITY) return false;
            close(eldest.getValue());
            return true;
        }
    };

    /** The H2 statement kept for a preparable shape, or null. */
    PreparedStatement prepared(String key) {
        return prepared.get(key);
    }

    void keepPrepared(String key, PreparedStatement statement) {
        close(prepared.put(key, statement));
    }

    int preparedCount() {
        return prepared.size();
    }

    private static void close(PreparedStatement statement) {
        if (statement == null) return;
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing a cached statement of a closed connection: nothing to release
        }
    }

    /** True if statements of this shape went to H2 unchanged. */
    boolean passesThrough(String key) {
        return passThrough.get(key) != null;
    }

    void rememberPassThrough(String key) {
        passThrough.put(key, Boolean.TRUE);
    }

    /** Forgets every shape and closes the H2 statements kept for them. */
    void clear() {
        passThrough.clear();
        if (prepared.isEmpty()) return;
        for (PreparedStatement p : prepared.values()) close(p);
        prepared.clear();
    }

    int size() {
        return passThrough.size();
    }

    /** The first word of a shaped statement, upper case (the statement starts with it). */
    static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length() && SqlScanner.isWordChar(sql.charAt(i))) i++;
        return sql.substring(0, i).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The shape of a SELECT/INSERT/UPDATE/DELETE/REPLACE statement (starting with that word, stripped, without
     * comments), or null if the statement is not shaped.
     */
    static String key(String sql) {
        Shape s = shape(sql);
        return s == null ? null : s.key();
    }

    /**
     * A shaped statement.
     *
     * @param key        the shape
     * @param values     the abstracted literals' values in order: Integer for an integer of up to 9 digits,
     *                   String for a string, null for other literals
     * @param preparable whether every abstracted literal may be an H2 parameter instead (see {@link #shape})
     */
    record Shape(String key, Object[] values, boolean preparable) {
        /** The statement for H2 with a parameter for each abstracted literal (only if {@link #preparable}). */
        String h2Sql() {
            return key.replaceAll(MARK + "[^" + MARK + "]*" + MARK, "?");
        }
    }

    /**
     * The statement's {@link Shape}, or null if it is not shaped. A literal is <em>preparable</em> (can be sent
     * to H2 as a parameter with the same meaning) when it is outside every select list (where H2 would name a
     * column after it) and is either an integer of up to 9 digits (an INTEGER to H2, whether literal or
     * parameter) compared with something or in a {@code VALUES} tuple or an assignment, or a string in a
     * {@code VALUES} tuple or an assignment ({@code SET c = 'x'}, {@code ON DUPLICATE KEY UPDATE}), where H2
     * converts it to the column's type either way. Strings compared with columns, decimals, longer integers,
     * {@code LIMIT} and {@code IN} lists are abstracted but not preparable.
     */
    static Shape shape(String sql) {
        int n = sql.length();
        if (n == 0 || n > MAX_SQL || !FIRST_WORDS.contains(firstWord(sql))) return null;
        StringBuilder key = new StringBuilder(n);
        java.util.List<Object> values = new java.util.ArrayList<>(4);
        boolean preparable = true;
        byte[] contexts = new byte[MAX_DEPTH];
        boolean[] selectList = new boolean[MAX_DEPTH + 1];
        int depth = 0, valuesDepth = -1;
        String prevWord = null, prevOp = null;
        char prevSym = 0;
        boolean between = false, assigning = false;
        // the literal waiting for its right neighbour: where it is in the key, its marker, value, preparability
        int litStart = -1, litEnd = -1;
        String litMark = null;
        Object litValue = null;
        boolean litPreparable = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                key.append(c);
                i++;
                continue;
            }
            if (c == '"' || c == '@' || c == MARK || c == '#' || c == ';' || c == '\\' || c == '?'
                    || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-')
                    || (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*')) {
                return null;
            }
            // the token starting here decides the pending literal's right neighbour
            String word = null, upper = null;
            int end = i;
            if (SqlScanner.isWordChar(c)) {
                while (end < n && SqlScanner.isWordChar(sql.charAt(end))) end++;
                word = sql.substring(i, end);
                upper = word.toUpperCase(java.util.Locale.ROOT);
            }
            if (litStart >= 0) {
                boolean plainRight = c == ')' || c == ',' || (upper != null && FOLLOWERS.contains(upper));
                if (plainRight) {
                    key.replace(litStart, litEnd, litMark);
                    values.add(litValue);
                    preparable &= litPreparable;
                }
                litStart = -1;
            }
            boolean comparison = prevOp != null && COMPARISONS.contains(prevOp);
            boolean inValues = (prevSym == '(' || prevSym == ',') && depth > 0 && contexts[depth - 1] == VALUES;
            boolean assignment = assigning && depth == 0 && "=".equals(prevOp);
            boolean betweenBound = prevWord != null && (prevWord.equals("BETWEEN") || (prevWord.equals("AND") && between));
            boolean plainLeft = comparison || betweenBound || inValues
                    || (prevWord != null && (prevWord.equals("LIMIT") || prevWord.equals("OFFSET")))
                    || ((prevSym == '(' || prevSym == ',') && depth > 0 && contexts[depth - 1] == IN);
            boolean outsideSelectList = true;
            for (int d = 0; d <= depth && outsideSelectList; d++) outsideSelectList = !selectList[d];
            if (prevWord != null && prevWord.equals("AND")) between = false;
            if (c == '\'') {
                int j = i + 1;
                boolean numeric = true;
                while (true) {
                    if (j >= n) return null;
                    char q = sql.charAt(j);
                    if (q == '\\' || q == MARK) return null;
                    if (q == '\'') {
                        if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                            numeric = false;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    numeric &= Character.isDigit(q) || q == '.' || q == '-' || q == '+' || q == 'e' || q == 'E' || q == ' ';
                    j++;
                }
                boolean glued = i > 0 && SqlScanner.isWordChar(sql.charAt(i - 1)); // x'41', b'1', _utf8'x', N'x'
                key.append(sql, i, j + 1);
                if (plainLeft && !glued) {
                    litStart = key.length() - (j + 1 - i);
                    litEnd = key.length();
                    litMark = MARK + (numeric ? "n" : "s") + MARK;
                    litValue = sql.substring(i + 1, j).replace("''", "'");
                    litPreparable = outsideSelectList && (inValues || assignment);
                }
                i = j + 1;
                prevWord = null;
                prevOp = null;
                prevSym = 0;
                continue;
            }
            if (c == '`') {
                int j = SqlScanner.skipQuoted(sql, i);
                key.append(sql, i, j);
                i = j;
                prevWord = "`";
                prevOp = null;
                prevSym = 0;
                continue;
            }
            if (word != null) {
                boolean digits = true;
                for (int k = i; k < end && digits; k++) digits = Character.isDigit(sql.charAt(k));
                if (digits) {
                    String mark;
                    Object value = null;
                    int litTextEnd = end;
                    if (end + 1 < n && sql.charAt(end) == '.' && Character.isDigit(sql.charAt(end + 1))) {
                        litTextEnd = end + 1;
                        while (litTextEnd < n && Character.isDigit(sql.charAt(litTextEnd))) litTextEnd++;
                        mark = MARK + "d" + MARK;
                    } else {
                        int len = end - i;
                        mark = MARK + (len <= 4 ? "i4" : len <= 9 ? "i9" : "i" + len) + MARK;
                        if (len <= 9) value = Integer.parseInt(word);
                    }
                    if (litTextEnd < n && (SqlScanner.isWordChar(sql.charAt(litTextEnd)) || sql.charAt(litTextEnd) == '.')) {
                        return null; // 1.5e3, 1.2.3: not a plain literal
                    }
                    boolean glued = i > 0 && (sql.charAt(i - 1) == '.' || SqlScanner.isWordChar(sql.charAt(i - 1)));
                    key.append(sql, i, litTextEnd);
                    if (plainLeft && !glued) {
                        litStart = key.length() - (litTextEnd - i);
                        litEnd = key.length();
                        litMark = mark;
                        litValue = value;
                        litPreparable = value != null && outsideSelectList
                                && (comparison || betweenBound || inValues || assignment);
                    }
                    i = litTextEnd;
                    prevWord = null;
                    prevOp = null;
                    prevSym = 0;
                    continue;
                }
                key.append(sql, i, end);
                prevWord = upper;
                switch (upper) {
                    case "BETWEEN" -> between = true;
                    case "SELECT" -> selectList[depth] = true;
                    case "FROM" -> selectList[depth] = false;
                    case "SET" -> assigning |= depth == 0;
                    case "UPDATE" -> assigning |= depth == 0 && i > 0; // ON DUPLICATE KEY UPDATE, FOR UPDATE
                    case "WHERE", "ORDER", "LIMIT" -> assigning &= depth != 0;
                    default -> { }
                }
                prevOp = null;
                prevSym = 0;
                i = end;
                continue;
            }
            if (c == '(') {
                if (depth == MAX_DEPTH) return null;
                boolean tuple = (prevWord != null && (prevWord.equals("VALUES") || prevWord.equals("VALUE")))
                        || (prevSym == ',' && depth == valuesDepth);
                if (tuple) valuesDepth = depth;
                contexts[depth++] = tuple ? VALUES : prevWord != null && prevWord.equals("IN") ? IN : OTHER;
                selectList[depth] = false;
            } else if (c == ')') {
                if (depth == 0) return null;
                selectList[depth] = false;
                depth--;
            }
            if (c == '(' || c == ')' || c == ',' || c == '.') {
                key.append(c);
                prevSym = c;
                prevWord = null;
                prevOp = null;
                i++;
                continue;
            }
            int j = i;
            while (j < n && isOperator(sql.charAt(j))) j++;
            if (j == i) j = i + 1; // any other single character
            key.append(sql, i, j);
            prevOp = sql.substring(i, j);
            prevWord = null;
            prevSym = 0;
            i = j;
        }
        if (litStart >= 0) { // the end is a plain right neighbour
            key.replace(litStart, litEnd, litMark);
            values.add(litValue);
            preparable &= litPreparable;
        }
        if (depth != 0) return null;
        return new Shape(key.toString(), values.toArray(), preparable && !values.isEmpty());
    }

    private static boolean isOperator(char c) {
        return "=<>!+-*/%&|^~:".indexOf(c) >= 0;
    }
}
