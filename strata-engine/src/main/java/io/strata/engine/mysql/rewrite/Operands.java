package io.strata.engine.mysql.rewrite;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.util.List;
import java.util.Set;

/**
 * Finds the operands of a binary operator in a token list, following MySQL's precedence (MySQL manual 12.4.1,
 * Operator Precedence): {@code ^} over unary {@code - ~ !} over {@code * / DIV % MOD} over {@code + -}.
 * An operand is a primary (literal, variable, placeholder, possibly qualified name, function call,
 * parenthesised expression, {@code CASE ... END}, typed literal such as {@code DATE '...'}) with its unary
 * prefixes; a left operand of a multiplicative operator also takes the {@code *} chain before it.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/operator-precedence.html">Operator Precedence</a>
 */
final class Operands {
    private Operands() {}

    /** Words after which a {@code -} or {@code +} is unary (an operand starts), not binary. */
    private static final Set<String> OPERAND_FOLLOWS = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "THEN", "ELSE",
            "WHEN", "ON", "BY", "HAVING", "SET", "VALUES", "VALUE", "RETURN", "XOR", "IS", "LIKE", "BETWEEN", "IN",
            "CASE", "DISTINCT", "ALL", "ANY", "SOME", "EXISTS", "INTERVAL", "LIMIT", "OFFSET", "DIV", "MOD", "REGEXP",
            "RLIKE", "USING", "DEFAULT", "IF", "ELSEIF", "UNTIL", "WHILE", "AS", "SEPARATOR");

    /** Words that may precede {@code (} without being a function name. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("IN", "AND", "OR", "NOT", "EXISTS", "SELECT", "WHERE",
            "ON", "VALUES", "VALUE", "THEN", "ELSE", "WHEN", "BY", "XOR", "IS", "LIKE", "BETWEEN", "ANY", "ALL", "SOME",
            "DIV", "MOD", "AS", "FROM", "JOIN", "HAVING", "USING", "INTO", "SET", "RETURN", "DISTINCT", "CASE", "IF",
            "INTERVAL", "REGEXP", "RLIKE", "LIMIT");

    private static final Set<String> TYPED_LITERALS = Set.of("DATE", "TIME", "TIMESTAMP", "X", "B", "N", "BINARY");

    /** True if the token just before {@code i} ends an operand (so an operator at {@code i} is binary). */
    static boolean operandEndsBefore(List<Token> t, int i) {
        if (i <= 0) return false;
        Token p = t.get(i - 1);
        return switch (p.kind()) {
            case NUMBER, STRING, BACKTICK, DQUOTE, VARIABLE, SYSVAR, PLACEHOLDER -> true;
            case WORD -> !OPERAND_FOLLOWS.contains(p.upper());
            case SYMBOL -> p.text().equals(")");
        };
    }

    private static boolean isUnary(List<Token> t, int i) {
        String x = t.get(i).text();
        if (x.equals("!") || x.equals("~")) return true;
        return (x.equals("-") || x.equals("+")) && !operandEndsBefore(t, i);
    }

    /** Index of the first token of the primary whose last token is {@code j}, or -1. */
    static int primaryStart(List<Token> t, int j) {
        if (j < 0) return -1;
        Token x = t.get(j);
        int start;
        if (x.text().equals(")")) {
            int k = matchBack(t, j, "(", ")");
            if (k < 0) return -1;
            start = k;
            if (k > 0 && (t.get(k - 1).kind() == Kind.WORD || t.get(k - 1).kind() == Kind.BACKTICK)
                    && !NOT_FUNCTIONS.contains(t.get(k - 1).upper())) {
                start = qualifiedStart(t, k - 1);
            }
        } else if (x.is("END")) {
            start = matchBack(t, j, "CASE", "END");
        } else if (x.kind() == Kind.STRING) {
            start = j > 0 && t.get(j - 1).kind() == Kind.WORD && (TYPED_LITERALS.contains(t.get(j - 1).upper())
                    || t.get(j - 1).text().startsWith("_")) ? j - 1 : j;
        } else if (x.kind() == Kind.WORD || x.kind() == Kind.BACKTICK || x.kind() == Kind.DQUOTE) {
            if (x.kind() == Kind.WORD && OPERAND_FOLLOWS.contains(x.upper()) && !x.is("DEFAULT")) return -1;
            start = qualifiedStart(t, j);
        } else if (x.kind() == Kind.NUMBER || x.kind() == Kind.PLACEHOLDER || x.kind() == Kind.VARIABLE
                || x.kind() == Kind.SYSVAR) {
            start = j;
        } else {
            return -1;
        }
        while (start > 0 && isUnary(t, start - 1)) start--;
        return start;
    }

    /** Start of the left operand of the multiplicative operator at {@code op}: the {@code *} chain before it. */
    static int leftOperandStart(List<Token> t, int op) {
        int start = primaryStart(t, op - 1);
        while (start > 1 && (t.get(start - 1).text().equals("*") || t.get(start - 1).text().equals("^"))) {
            int s = primaryStart(t, start - 2);
            if (s < 0) return -1;
            start = s;
        }
        return start;
    }

    /** Index of the last token of the operand starting at {@code k} (after an operator), or -1. */
    static int rightOperandEnd(List<Token> t, int k) {
        while (k < t.size() && (t.get(k).text().equals("-") || t.get(k).text().equals("+") || t.get(k).text().equals("~")
                || t.get(k).text().equals("!"))) {
            k++;
        }
        if (k >= t.size()) return -1;
        Token x = t.get(k);
        if (x.text().equals("(")) return matchForward(t, k, "(", ")");
        if (x.is("CASE")) return matchForward(t, k, "CASE", "END");
        if (x.kind() == Kind.WORD && k + 1 < t.size() && t.get(k + 1).kind() == Kind.STRING
                && (TYPED_LITERALS.contains(x.upper()) || x.text().startsWith("_"))) {
            return k + 1;
        }
        if (x.kind() == Kind.WORD || x.kind() == Kind.BACKTICK || x.kind() == Kind.DQUOTE) {
            if (x.kind() == Kind.WORD && OPERAND_FOLLOWS.contains(x.upper())) return -1;
            int e = k;
            while (e + 2 < t.size() && t.get(e + 1).text().equals(".")) e += 2;
            if (e + 1 < t.size() && t.get(e + 1).text().equals("(")) return matchForward(t, e + 1, "(", ")");
            return e;
        }
        return switch (x.kind()) {
            case NUMBER, STRING, PLACEHOLDER, VARIABLE, SYSVAR -> k;
            default -> -1;
        };
    }

    private static int qualifiedStart(List<Token> t, int j) {
        int s = j;
        while (s >= 2 && t.get(s - 1).text().equals(".") && t.get(s - 1).kind() == Kind.SYMBOL
                && (t.get(s - 2).kind() == Kind.WORD || t.get(s - 2).kind() == Kind.BACKTICK)) {
            s -= 2;
        }
        return s;
    }

    static int matchBack(List<Token> t, int j, String open, String close) {
        int depth = 0;
        for (int k = j; k >= 0; k--) {
            Token x = t.get(k);
            if (matches(x, close)) depth++;
            else if (matches(x, open) && --depth == 0) return k;
        }
        return -1;
    }

    static int matchForward(List<Token> t, int j, String open, String close) {
        int depth = 0;
        for (int k = j; k < t.size(); k++) {
            Token x = t.get(k);
            if (matches(x, open)) depth++;
            else if (matches(x, close) && --depth == 0) return k;
        }
        return -1;
    }

    private static boolean matches(Token x, String s) {
        return x.kind() == Kind.SYMBOL ? x.text().equals(s) : x.is(s);
    }
}
