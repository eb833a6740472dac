package io.strata.engine.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL lexical rules: splits multi-statement text, expands version-conditional comments, and tokenizes
 * statements for the interception and rewriting done by {@link MySqlSession}.
 *
 * <p>Understands {@code '...'}, {@code "..."} and backtick quoting (with doubled-quote and backslash escapes),
 * {@code -- }, {@code #} and {@code /* *}{@code /} comments, and {@code /*!NNNNN ... *}{@code /} conditional
 * comments (executed when NNNNN &lt;= {@link #SERVER_VERSION_ID}; MariaDB-only {@code /*M!} comments are
 * ignored, as MySQL does).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/comments.html">Comments</a>
 */
public final class SqlScanner {
    /** The MySQL version conditional comments are evaluated against (8.0.36). */
    public static final int SERVER_VERSION_ID = 80036;

    /** Token kinds. */
    public enum Kind { WORD, STRING, BACKTICK, DQUOTE, NUMBER, VARIABLE, SYSVAR, PLACEHOLDER, SYMBOL }

    /** A token with its source offsets; {@code text} is the raw source text. */
    public record Token(Kind kind, String text, int start, int end) {
        public boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        /** Identifier value: unquoted for backtick/double-quoted names. */
        public String identifier() {
            if (kind == Kind.BACKTICK) return text.substring(1, text.length() - 1).replace("``", "`");
            if (kind == Kind.DQUOTE) return text.substring(1, text.length() - 1).replace("\"\"", "\"");
            if (kind == Kind.STRING) return unquoteString(text);
            return text;
        }

        public String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlScanner() {}

    /**
     * Rewrites comments for H2: conditional comments become their body, {@code #} comments and
     * {@code /*M!} comments are removed. Quoted text is preserved.
     */
    public static String expandComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '#' || (c == '-' && sql.startsWith("--", i) && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                int close = end < 0 ? n : end + 2;
                if (sql.startsWith("/*!", i)) {
                    int j = i + 3;
                    while (j < n && j < i + 9 && Character.isDigit(sql.charAt(j))) j++;
                    String digits = sql.substring(i + 3, j);
                    boolean applies = digits.isEmpty() || Integer.parseInt(digits) <= SERVER_VERSION_ID;
                    String body = sql.substring(j, end < 0 ? n : end);
                    out.append(' ').append(applies ? expandComments(body) : "").append(' ');
                } else if (!sql.startsWith("/*M!", i)) {
                    out.append(' ');
                } else {
                    out.append(' ');
                }
                i = close;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Splits text on top-level semicolons (outside quotes, comments and the BEGIN ... END body of a
     * CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT); drops empty statements.
     */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0, n = sql.length(), start = 0, depth = 0;
        boolean compound = false;
        String prevWord = "";
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i);
            } else if (c == '#' || (c == '-' && sql.startsWith("--", i) && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*!", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';' && (depth <= 0 || (depth == 1 && prevWord.equals("END")))) {
                addIfNotBlank(out, sql.substring(start, i));
                start = ++i;
                compound = false;
                depth = 0;
                prevWord = "";
            } else if (isWordChar(c)) {
                int e = i;
                while (e < n && isWordChar(sql.charAt(e))) e++;
                String w = sql.substring(i, e).toUpperCase(Locale.ROOT);
                if (!compound && (w.equals("PROCEDURE") || w.equals("FUNCTION") || w.equals("TRIGGER") || w.equals("EVENT"))
                        && expandComments(sql.substring(start, i)).strip().toUpperCase(Locale.ROOT).startsWith("CREATE")) {
                    compound = true;
                } else if (compound && w.equals("BEGIN")) {
                    depth++;
                } else if (compound && prevWord.equals("END") && depth > 0
                        && !(w.equals("IF") || w.equals("LOOP") || w.equals("WHILE") || w.equals("CASE") || w.equals("REPEAT"))) {
                    depth--;
                }
                prevWord = w;
                i = e;
            } else {
                if (compound && prevWord.equals("END") && depth > 0 && !Character.isWhitespace(c)) depth--;
                if (!Character.isWhitespace(c)) prevWord = "";
                i++;
            }
        }
        if (compound && prevWord.equals("END") && depth > 0) depth--;
        addIfNotBlank(out, sql.substring(start));
        return out;
    }

    private static void addIfNotBlank(List<String> out, String stmt) {
        if (!expandComments(stmt).isBlank()) out.add(stmt.strip());
    }

    /** Tokenizes one statement whose comments were already expanded. */
    public static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            Kind kind;
            if (c == '\'') {
                i = skipQuoted(sql, i);
                kind = Kind.STRING;
            } else if (c == '"') {
                i = skipQuoted(sql, i);
                kind = Kind.DQUOTE;
            } else if (c == '`') {
                i = skipQuoted(sql, i);
                kind = Kind.BACKTICK;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            } else if (c == '@') {
                boolean sys = i + 1 < n && sql.charAt(i + 1) == '@';
                i += sys ? 2 : 1;
                if (i < n && (sql.charAt(i) == '\'' || sql.charAt(i) == '`' || sql.charAt(i) == '"')) {
                    i = skipQuoted(sql, i);
                } else {
                    while (i < n && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
                }
                kind = sys ? Kind.SYSVAR : Kind.VARIABLE;
            } else if (c == '?') {
                i++;
                kind = Kind.PLACEHOLDER;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                while (i < n && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '.'
                        || exponentSign(sql, start, i))) {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (isWordChar(c)) {
                while (i < n && isWordChar(sql.charAt(i))) i++;
                kind = Kind.WORD;
            } else {
                i++;
                kind = Kind.SYMBOL;
            }
            out.add(new Token(kind, sql.substring(start, i), start, i));
        }
        return out;
    }

    /** True if {@code sql[i]} is the sign of a decimal number's exponent, as in {@code 3.5E+100}. */
    private static boolean exponentSign(String sql, int start, int i) {
        char c = sql.charAt(i);
        if ((c != '+' && c != '-') || i + 1 >= sql.length() || !Character.isDigit(sql.charAt(i + 1))) return false;
        char e = sql.charAt(i - 1);
        if (e != 'e' && e != 'E') return false;
        for (int k = start; k < i - 1; k++) {
            char d = sql.charAt(k);
            if (!Character.isDigit(d) && d != '.') return false;
        }
        return true;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Returns the index just after the quoted section starting at {@code i}. */
    static int skipQuoted(String s, int i) {
        char q = s.charAt(i);
        int n = s.length();
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && q != '`') {
                i += 2;
            } else if (c == q) {
                if (i + 1 < n && s.charAt(i + 1) == q) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The value of a MySQL single-quoted string literal (handles doubled quotes and backslash escapes). */
    public static String unquoteString(String lit) {
        StringBuilder sb = new StringBuilder();
        char q = lit.charAt(0);
        for (int i = 1; i < lit.length() - 1; i++) {
            char c = lit.charAt(i);
            if (c == '\\' && i + 1 < lit.length() - 1) {
                char e = lit.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'Z' -> (char) 26;
                    case 'b' -> '\b';
                    default -> e;
                });
            } else if (c == q && i + 1 < lit.length() - 1 && lit.charAt(i + 1) == q) {
                sb.append(q);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** True if token {@code i} exists and is the keyword {@code word}. */
    static boolean isWord(List<Token> t, int i, String word) {
        return i < t.size() && t.get(i).is(word);
    }

    /** True if token {@code i} exists and is of {@code kind}. */
    static boolean isKind(List<Token> t, int i, Kind kind) {
        return i < t.size() && t.get(i).kind() == kind;
    }

    /** An SQL string literal for H2 (standard quoting; H2 does not treat backslash as an escape). */
    public static String literal(Object value) {
        if (value == null) return "NULL";
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        if (value instanceof java.time.LocalDateTime dt) {
            return "TIMESTAMP '" + dt.toLocalDate() + " " + java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(dt) + "'";
        }
        if (value instanceof java.time.LocalDate d) return "DATE '" + d + "'";
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** A double-quoted H2 identifier. */
    public static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
