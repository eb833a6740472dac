package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.util.List;
import java.util.Set;

/**
 * Token-level MySQL dialect rules used by {@link Rewriter}: clauses H2 rejects and that can be dropped,
 * and the user-level lock functions ({@link NamedLocks}).
 */
final class DialectRules {
    private DialectRules() {}

    static final Set<String> SELECT_MODIFIERS = Set.of("SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS",
            "SQL_BUFFER_RESULT", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "HIGH_PRIORITY");

    /**
     * MySQL-only clauses H2 rejects and that can be dropped without changing results: column-level
     * {@code CHARACTER SET x} / {@code COLLATE x}, {@code ZEROFILL}, the (M,D) of DOUBLE/FLOAT/REAL, SELECT
     * modifiers such as {@code SQL_NO_CACHE}, and {@code LOCK IN SHARE MODE} / {@code FOR SHARE}.
     * Returns the index of the last token to drop, or -1.
     */
    static int droppedClauseEnd(List<Token> t, int i) {
        Token x = t.get(i);
        if (x.text().equals(",") && i + 1 < t.size() && (t.get(i + 1).is("FULLTEXT") || t.get(i + 1).is("SPATIAL"))
                && t.get(0).is("CREATE")) {
            return indexElementEnd(t, i + 1); // CREATE TABLE ..., FULLTEXT KEY k (cols): no such indexes in H2
        }
        if (x.is("BINARY") && i >= 3 && t.get(i - 1).text().equals(")") && isCharType(t, i - 1)
                && (t.get(0).is("CREATE") || t.get(0).is("ALTER"))) {
            return i; // VARCHAR(n) BINARY: the binary collation attribute (MySQL manual 11.3.1); dropped
        }
        if (x.kind() != Kind.WORD) return -1;
        boolean afterDefault = i > 0 && t.get(i - 1).is("DEFAULT");
        boolean nextIsEq = i + 1 < t.size() && t.get(i + 1).text().equals("=");
        switch (x.upper()) {
            case "COLLATE":
            case "CHARSET":
                return !afterDefault && !nextIsEq && i + 1 < t.size() ? i + 1 : -1;
            case "CHARACTER":
                return !afterDefault && i + 2 < t.size() && t.get(i + 1).is("SET") && !t.get(i + 2).text().equals("=")
                        && (i == 0 || !t.get(i - 1).is("SET")) ? i + 2 : -1;
            case "ZEROFILL":
                return i;
            case "AUTO_INCREMENT": // table option AUTO_INCREMENT=n: H2 rejects it when no column is AUTO_INCREMENT
                if (!nextIsEq || i + 2 >= t.size() || !t.get(0).is("CREATE")) return -1;
                for (int k = 0; k < t.size(); k++) {
                    if (t.get(k).is("AUTO_INCREMENT") && (k + 1 >= t.size() || !t.get(k + 1).text().equals("="))) return -1;
                }
                return i + 2;
            case "LOCK":
                return i + 3 < t.size() && t.get(i + 1).is("IN") && t.get(i + 2).is("SHARE") && t.get(i + 3).is("MODE")
                        ? i + 3 : -1;
            case "FOR":
                return i + 1 < t.size() && t.get(i + 1).is("SHARE") ? i + 1 : -1;
            default:
                break;
        }
        if (SELECT_MODIFIERS.contains(x.upper())) return i;
        if ((x.is("DOUBLE") || x.is("FLOAT") || x.is("REAL")) && i + 5 < t.size() && t.get(i + 1).text().equals("(")
                && t.get(i + 3).text().equals(",") && t.get(i + 5).text().equals(")")) {
            return -2; // handled below: keep the type, drop (M,D)
        }
        return -1;
    }

    /** Index of the ")" closing the column list of the index element starting at {@code k}, or -1. */
    private static int indexElementEnd(List<Token> t, int k) {
        int depth = 0;
        for (int j = k; j < t.size(); j++) {
            String x = t.get(j).text();
            if (x.equals("(")) depth++;
            else if (x.equals(")") && --depth == 0) return j;
            else if (depth == 0 && x.equals(",")) return -1;
        }
        return -1;
    }

    /** True if {@code close} ends the length of a CHAR/VARCHAR type: {@code CHAR ( n )}. */
    private static boolean isCharType(List<Token> t, int close) {
        return close >= 3 && t.get(close - 2).text().equals("(")
                && (t.get(close - 3).is("VARCHAR") || t.get(close - 3).is("CHAR"));
    }

    /**
     * A column type {@code SET('a','b',...)} (MySQL manual 13.3.6) at {@code i}: returns the index of its closing
     * parenthesis and puts the H2 type to use, a VARCHAR long enough for every member at once, in {@code type[0]};
     * -1 if {@code i} is not such a type.
     */
    static int setType(List<Token> t, int i, String[] type) {
        if (!t.get(i).is("SET") || i < 2 || !(t.get(0).is("CREATE") || t.get(0).is("ALTER"))
                || i + 2 >= t.size() || !t.get(i + 1).text().equals("(") || t.get(i + 2).kind() != Kind.STRING) {
            return -1;
        }
        int length = 0;
        for (int k = i + 2; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.text().equals(")")) {
                type[0] = "VARCHAR(" + Math.max(1, length) + ")";
                return k;
            }
            if (x.kind() == Kind.STRING) length += x.identifier().length() + 1;
            else if (!x.text().equals(",")) return -1;
        }
        return -1;
    }

    /** True if the word at {@code i} is the type of a column definition in CREATE/ALTER TABLE. */
    static boolean isColumnType(List<Token> t, int i) {
        if (i < 3 || !(t.get(0).is("CREATE") || t.get(0).is("ALTER"))) return false;
        Token name = t.get(i - 1);
        return (name.kind() == Kind.BACKTICK || (name.kind() == Kind.WORD && !name.is("AS")))
                && !t.get(i - 2).text().equals(".");
    }

    static final Set<String> LOCK_FUNCTIONS = Set.of("GET_LOCK", "RELEASE_LOCK", "IS_FREE_LOCK",
            "IS_USED_LOCK", "RELEASE_ALL_LOCKS");

    /** Index of the ')' closing a list of literal arguments starting at {@code i}, or -1. */
    static int literalArgsEnd(List<Token> tokens, int i) {
        for (int k = i; k < tokens.size(); k++) {
            Token a = tokens.get(k);
            if (a.text().equals(")")) return k;
            if (!(a.kind() == Kind.STRING || a.kind() == Kind.NUMBER || a.text().equals(",") || a.text().equals("-"))) {
                return -1;
            }
        }
        return -1;
    }

    static Object lockFunction(MySqlSession s, String name, List<Token> args) {
        List<String> values = new java.util.ArrayList<>();
        String sign = "";
        for (Token a : args) {
            if (a.text().equals("-")) sign = "-";
            else if (!a.text().equals(",")) {
                values.add(sign + a.identifier());
                sign = "";
            }
        }
        NamedLocks locks = s.registry().locks();
        long id = s.connectionId();
        String lock = values.isEmpty() ? "" : values.get(0);
        switch (name) {
            case "GET_LOCK":
                try {
                    return locks.get(lock, values.size() > 1 ? Double.parseDouble(values.get(1)) : 0, id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            case "RELEASE_LOCK": return locks.release(lock, id);
            case "IS_FREE_LOCK": return locks.holder(lock) == null ? 1L : 0L;
            case "IS_USED_LOCK": return locks.holder(lock);
            default: return locks.releaseAll(id);
        }
    }
}
