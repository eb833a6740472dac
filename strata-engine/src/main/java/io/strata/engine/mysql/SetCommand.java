package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SET}: NAMES, CHARACTER SET, TRANSACTION ISOLATION LEVEL / READ ONLY, user variables ({@code @x},
 * kept in H2) and system variables ({@code [SESSION|GLOBAL] x}, {@code @@[session.|global.]x}, kept in
 * {@link SystemVariables}; {@code autocommit} and {@code transaction_isolation} take effect).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/set-variable.html">SET syntax</a>
 */
final class SetCommand {
    private SetCommand() {}

    static Result execute(MySqlSession s, String text, List<Token> t) throws SQLException {
        int i = 1;
        if (charset(s, t.subList(1, t.size()))) return Result.Update.OK;
        int scope = i;
        boolean globalScope = SqlScanner.isWord(t, scope, "GLOBAL") || SqlScanner.isWord(t, scope, "PERSIST")
                || SqlScanner.isWord(t, scope, "PERSIST_ONLY");
        if (isScope(t, scope)) scope++;
        if (SqlScanner.isWord(t, scope, "TRANSACTION")) {
            transaction(s, t, scope + 1, globalScope);
            return Result.Update.OK;
        }
        // "the most recent GLOBAL or SESSION modifier in the statement is used for following assignments that
        // have no modifier specified" (MySQL manual 15.7.6.1)
        boolean global = false;
        for (List<Token> assignment : splitAssignments(t.subList(1, t.size()))) {
            global = assign(s, text, assignment, global);
        }
        return Result.Update.OK;
    }

    /** SET NAMES x [COLLATE y] / SET CHARACTER SET x, alone or as an item of a SET list. */
    private static boolean charset(MySqlSession s, List<Token> t) {
        if (SqlScanner.isWord(t, 0, "NAMES")) {
            String cs = t.size() > 1 ? t.get(1).identifier() : "utf8mb4";
            if (cs.equalsIgnoreCase("DEFAULT")) cs = "utf8mb4";
            for (String v : List.of("character_set_client", "character_set_connection", "character_set_results")) {
                s.vars.set(v, cs);
            }
            s.vars.set("collation_connection", SqlScanner.isWord(t, 2, "COLLATE") && t.size() > 3
                    ? t.get(3).identifier() : cs.toLowerCase(Locale.ROOT) + (cs.equalsIgnoreCase("utf8mb4")
                    ? "_0900_ai_ci" : "_general_ci"));
            return true;
        }
        if ((SqlScanner.isWord(t, 0, "CHARACTER") && SqlScanner.isWord(t, 1, "SET"))
                || SqlScanner.isWord(t, 0, "CHARSET")) {
            int v = t.get(0).is("CHARSET") ? 1 : 2;
            String cs = v < t.size() ? t.get(v).identifier() : "utf8mb4";
            s.vars.set("character_set_client", cs);
            s.vars.set("character_set_results", cs);
            return true;
        }
        return false;
    }

    private static boolean isScope(List<Token> t, int i) {
        return SqlScanner.isWord(t, i, "SESSION") || SqlScanner.isWord(t, i, "GLOBAL")
                || SqlScanner.isWord(t, i, "LOCAL") || SqlScanner.isWord(t, i, "PERSIST")
                || SqlScanner.isWord(t, i, "PERSIST_ONLY");
    }

    private static void transaction(MySqlSession s, List<Token> t, int i, boolean global) throws SQLException {
        for (; i < t.size(); i++) {
            if (t.get(i).is("LEVEL") && i + 1 < t.size()) {
                String level = t.get(i + 1).upper();
                if (level.equals("READ") || level.equals("REPEATABLE")) level += "-" + t.get(i + 2).upper();
                if (global) s.vars.setGlobal("transaction_isolation", isolationName(level));
                else setIsolation(s, level);
            } else if (t.get(i).is("READ") && i + 1 < t.size() && !t.get(i - 1).is("LEVEL")
                    && !t.get(i - 1).is("REPEATABLE")) {
                Long readOnly = t.get(i + 1).is("ONLY") ? 1L : 0L;
                if (global) s.vars.setGlobal("transaction_read_only", readOnly);
                else s.vars.set("transaction_read_only", readOnly);
            }
        }
    }

    /** The canonical name of an isolation level ({@code READ-COMMITTED}); error 1231 for anything else. */
    static String isolationName(String level) throws SQLException {
        String norm = level.toUpperCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        return switch (norm) {
            case "READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE" -> norm;
            default -> throw MySqlErrors.error(1231, "42000",
                    "Variable 'transaction_isolation' can't be set to the value of '" + level + "'");
        };
    }

    static void setIsolation(MySqlSession s, String level) throws SQLException {
        String norm = isolationName(level);
        int jdbc = switch (norm) {
            case "READ-UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case "READ-COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
            case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
            default -> Connection.TRANSACTION_REPEATABLE_READ;
        };
        s.setIsolation(jdbc);
        s.vars.set("transaction_isolation", norm);
    }

    private static List<List<Token>> splitAssignments(List<Token> t) {
        List<List<Token>> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < t.size(); i++) {
            String x = t.get(i).text();
            if (x.equals("(")) depth++;
            else if (x.equals(")")) depth--;
            else if (x.equals(",") && depth == 0 && t.get(i).kind() == Kind.SYMBOL) {
                out.add(t.subList(start, i));
                start = i + 1;
            }
        }
        out.add(t.subList(start, t.size()));
        return out;
    }

    /** One assignment; returns the scope following assignments without a modifier get. */
    private static boolean assign(MySqlSession s, String text, List<Token> a, boolean globalBefore) throws SQLException {
        if (charset(s, a)) return globalBefore;
        int eq = -1;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).text().equals("=")) {
                eq = i;
                break;
            }
        }
        if (eq < 1 || eq == a.size() - 1) throw MySqlErrors.syntax(text);
        int valueStart = a.get(eq + 1).start();
        String expr = text.substring(valueStart, a.get(a.size() - 1).end());
        int colon = a.get(eq - 1).text().equals(":") ? 1 : 0;
        List<Token> target = a.subList(0, eq - colon);
        List<Token> valueTokens = a.subList(eq + 1, a.size());
        Token first = target.get(0);
        if (first.kind() == Kind.VARIABLE) {
            String h2Expr = Rewriter.rewrite(s, expr, SqlScanner.tokenize(expr));
            Commands.exec(s, "SET " + first.text() + " = " + h2Expr);
            return globalBefore;
        }
        String name;
        boolean global;
        if (first.kind() == Kind.SYSVAR) {
            String n = first.text().substring(2);
            String lower = n.toLowerCase(Locale.ROOT);
            global = lower.startsWith("global.") || lower.startsWith("persist");
            name = n.contains(".") ? n.substring(n.indexOf('.') + 1) : n;
            if (name.startsWith("`")) name = name.substring(1, name.length() - 1);
            Object value = evaluate(s, expr, valueTokens);
            setSystemVariable(s, name, value, global);
            return globalBefore;
        }
        boolean modifier = isScope(target, 0);
        global = modifier ? first.is("GLOBAL") || first.is("PERSIST") || first.is("PERSIST_ONLY") : globalBefore;
        name = target.get(target.size() - 1).identifier();
        Object value = evaluate(s, expr, valueTokens);
        setSystemVariable(s, name, value, global);
        return global;
    }

    private static Object evaluate(MySqlSession s, String expr, List<Token> v) throws SQLException {
        if (v.size() == 1) {
            Token t = v.get(0);
            switch (t.kind()) {
                case WORD:
                    if (t.is("ON") || t.is("TRUE")) return 1L;
                    if (t.is("OFF") || t.is("FALSE")) return 0L;
                    if (t.is("NULL")) return null;
                    return t.text();
                case STRING:
                case DQUOTE:
                case BACKTICK:
                    return t.identifier();
                case NUMBER:
                    try {
                        return Long.parseLong(t.text());
                    } catch (NumberFormatException e) {
                        return t.text();
                    }
                default:
                    break;
            }
        }
        if (v.size() == 2 && v.get(0).text().equals("-") && v.get(1).kind() == Kind.NUMBER) {
            return "-" + v.get(1).text();
        }
        String h2Expr = Rewriter.rewrite(s, expr, SqlScanner.tokenize(expr));
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT " + h2Expr)) {
            rs.next();
            Object o = rs.getObject(1);
            return o instanceof Integer || o instanceof Short || o instanceof Byte ? ((Number) o).longValue() : o;
        }
    }

    static void setSystemVariable(MySqlSession s, String name, Object value, boolean global) throws SQLException {
        String n = SystemVariables.canonical(name);
        boolean isDefault = value instanceof String str && str.equalsIgnoreCase("DEFAULT");
        SystemVariables.checkSettable(n, global);
        if (global) { // MySQL: the value new sessions start with; this session keeps its own
            if (n.equals("transaction_isolation") && !isDefault) value = isolationName(String.valueOf(value));
            if (n.equals("autocommit") || n.equals("foreign_key_checks")) value = isDefault || truthy(value) ? 1L : 0L;
            s.vars.setGlobal(n, isDefault ? SystemVariables.defaultValue(n) : value);
            return;
        }
        switch (n) {
            case "autocommit" -> s.setAutocommit(isDefault || truthy(value));
            case "transaction_isolation" -> setIsolation(s, String.valueOf(isDefault ? s.vars.getGlobal(n) : value));
            case "innodb_lock_wait_timeout", "lock_wait_timeout" -> {
                s.vars.set(n, isDefault ? s.vars.getGlobal(n) : value);
                applyLockTimeout(s);
            }
            case "foreign_key_checks" -> {
                s.vars.set(n, isDefault || truthy(value) ? 1L : 0L);
                s.foreignKeys().changed();
            }
            default -> s.vars.set(n, isDefault ? s.vars.getGlobal(n) : value);
        }
    }

    /**
     * Makes the engine wait for a row lock as long as {@code innodb_lock_wait_timeout} says (MySQL default 50 s;
     * 0 to 3600 here): the engine's lock waits adopt the session's H2 LOCK_TIMEOUT.
     */
    static void applyLockTimeout(MySqlSession s) throws SQLException {
        long seconds;
        try {
            seconds = Long.parseLong(String.valueOf(s.vars.get("innodb_lock_wait_timeout")).strip());
        } catch (NumberFormatException e) {
            throw MySqlErrors.error(1232, "42000", "Incorrect argument type to variable 'innodb_lock_wait_timeout'");
        }
        Commands.exec(s, "SET LOCK_TIMEOUT " + Math.max(0, Math.min(seconds, 3600)) * 1000);
    }

    static boolean truthy(Object v) {
        if (v instanceof Number num) return num.longValue() != 0;
        if (v instanceof Boolean b) return b;
        String str = String.valueOf(v);
        return str.equalsIgnoreCase("ON") || str.equalsIgnoreCase("TRUE") || str.equals("1");
    }
}
