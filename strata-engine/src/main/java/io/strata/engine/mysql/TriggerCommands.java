package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import io.strata.engine.mysql.triggers.MySqlTrigger;
import io.strata.engine.mysql.triggers.TriggerCatalog;
import io.strata.engine.mysql.triggers.TriggerProgram;
import io.strata.engine.mysql.triggers.TriggerProgram.Step;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CREATE/DROP/SHOW TRIGGER, and stored procedures and functions (kept, never run). A trigger body is
 * compiled here, with this session's MySQL rewriting, into a {@link TriggerProgram}; H2 runs it through
 * {@link MySqlTrigger}.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/create-trigger.html">CREATE TRIGGER</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/show-triggers.html">SHOW TRIGGERS</a>
 */
final class TriggerCommands {
    private TriggerCommands() {}

    /** {@code CREATE [DEFINER=..] TRIGGER [IF NOT EXISTS] name timing event ON tbl FOR EACH ROW [FOLLOWS x] body}. */
    static Result create(MySqlSession s, String text, List<Token> t, int at, String definer) throws SQLException {
        int i = at + 1;
        boolean ifNotExists = SqlScanner.isWord(t, i, "IF");
        if (ifNotExists) i += 3;
        String[] name = qualified(s, t, i);
        i += name[2].equals("3") ? 3 : 1;
        if (i + 5 >= t.size()) throw MySqlErrors.syntax(text);
        String timing = t.get(i).upper(), event = t.get(i + 1).upper();
        if (!(timing.equals("BEFORE") || timing.equals("AFTER"))
                || !(event.equals("INSERT") || event.equals("UPDATE") || event.equals("DELETE")) || !t.get(i + 2).is("ON")) {
            throw MySqlErrors.syntax(text.substring(t.get(i).start()));
        }
        String[] table = qualified(s, t, i + 3);
        i += 3 + (table[2].equals("3") ? 3 : 1);
        if (!(SqlScanner.isWord(t, i, "FOR") && SqlScanner.isWord(t, i + 1, "EACH") && SqlScanner.isWord(t, i + 2, "ROW"))) {
            throw MySqlErrors.syntax(text.substring(t.get(Math.min(i, t.size() - 1)).start()));
        }
        i += 3;
        if (SqlScanner.isWord(t, i, "FOLLOWS") || SqlScanner.isWord(t, i, "PRECEDES")) i += 2; // order: creation order
        if (i >= t.size()) throw MySqlErrors.syntax(text);
        if (!name[0].equals(table[0])) {
            throw MySqlErrors.error(1435, "HY000", "Trigger in wrong schema");
        }
        ShowCommands.columns(s, table[0] + "." + table[1], null, false); // 1146 if the table is missing
        boolean exists = !TriggerCatalog.list(s.connection(), name[0]).stream().filter(e -> e.name().equals(name[1]))
                .toList().isEmpty();
        if (exists) {
            if (ifNotExists) return Result.Update.OK;
            throw MySqlErrors.error(1359, "HY000", "Trigger already exists");
        }
        String body = text.substring(t.get(i).start());
        TriggerProgram program = new TriggerProgram(new BodyCompiler(s, text, t, t.size()).compile(i, timing));
        TriggerCatalog.Entry entry = new TriggerCatalog.Entry(name[0], name[1], table[1], timing, event, body,
                "CREATE DEFINER=" + definer + " TRIGGER `" + name[1] + "` " + text.substring(t.get(at + (ifNotExists ? 4 : 1)
                        + (name[2].equals("3") ? 3 : 1)).start()), definer, LocalDateTime.now().withNano(0));
        TriggerCatalog.put(s.connection(), entry, program);
        try {
            createH2Trigger(s, name[0], name[1], timing, event, table[1]);
        } catch (SQLException e) {
            TriggerCatalog.delete(s.connection(), name[0], name[1]);
            throw e;
        }
        if (timing.equals("BEFORE") && !event.equals("DELETE")) guardFilledColumns(s, table[0], table[1], program);
        return Result.Update.OK;
    }

    private static void createH2Trigger(MySqlSession s, String schema, String name, String timing, String event,
                                        String table) throws SQLException {
        Commands.exec(s, "CREATE TRIGGER " + SqlScanner.quoteIdentifier(schema) + "." + SqlScanner.quoteIdentifier(name)
                + " " + timing + " " + event + " ON " + SqlScanner.quoteIdentifier(schema) + "."
                + SqlScanner.quoteIdentifier(table) + " FOR EACH ROW CALL '" + MySqlTrigger.class.getName() + "'");
    }

    /**
     * A BEFORE trigger may fill a NOT NULL column the statement leaves NULL (Sakila's customer_create_date sets
     * create_date); H2 checks NOT NULL before its BEFORE triggers run, so such a column becomes nullable in H2,
     * is recorded in {@link TriggerCatalog#NOT_NULL} (so SHOW and information_schema still say NOT NULL), and
     * is checked by two hidden guard triggers (BEFORE INSERT, BEFORE UPDATE) re-created last, so they run after
     * every user trigger of the table.
     */
    private static void guardFilledColumns(MySqlSession s, String schema, String table, TriggerProgram program)
            throws SQLException {
        List<String> filled = new ArrayList<>();
        collectSetColumns(program.steps(), filled);
        boolean changed = false;
        for (String col : filled) {
            try (java.sql.PreparedStatement ps = s.connection().prepareStatement("SELECT c.IS_NULLABLE, (SELECT COUNT(*)"
                    + " FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON"
                    + " tc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = k.CONSTRAINT_NAME WHERE"
                    + " tc.CONSTRAINT_TYPE = 'PRIMARY KEY' AND k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME ="
                    + " c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS c WHERE"
                    + " c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ? AND LOWER(c.COLUMN_NAME) = ?")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                ps.setString(3, col);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !"NO".equals(rs.getString(1)) || rs.getInt(2) > 0) continue;
                }
            }
            Commands.exec(s, "ALTER TABLE " + SqlScanner.quoteIdentifier(schema) + "." + SqlScanner.quoteIdentifier(table)
                    + " ALTER COLUMN " + SqlScanner.quoteIdentifier(col) + " SET NULL");
            TriggerCatalog.putNotNull(s.connection(), schema, table, col);
            changed = true;
        }
        java.util.Set<String> checked = TriggerCatalog.notNull(s.connection(), schema, table);
        if (checked.isEmpty() && !changed) return;
        TriggerProgram guard = new TriggerProgram(List.of(new TriggerProgram.NotNull(new ArrayList<>(checked))));
        for (String event : List.of("INSERT", "UPDATE")) {
            String name = TriggerCatalog.GUARD_PREFIX + event.toLowerCase(Locale.ROOT).substring(0, 3) + "$" + table;
            Commands.exec(s, "DROP TRIGGER IF EXISTS " + SqlScanner.quoteIdentifier(schema) + "." + SqlScanner.quoteIdentifier(name));
            TriggerCatalog.put(s.connection(), new TriggerCatalog.Entry(schema, name, table, "BEFORE", event, "",
                    "", "", LocalDateTime.now().withNano(0)), guard);
            createH2Trigger(s, schema, name, "BEFORE", event, table);
        }
    }

    private static void collectSetColumns(List<Step> steps, List<String> out) {
        for (Step st : steps) {
            if (st instanceof TriggerProgram.SetNew sn && !out.contains(sn.column())) out.add(sn.column());
            if (st instanceof TriggerProgram.If f) {
                f.branches().forEach(b -> collectSetColumns(b.steps(), out));
                collectSetColumns(f.otherwise(), out);
            }
        }
    }

    /** [db.]name at i: {db, name, tokens used ("1" or "3")}, lower case. */
    private static String[] qualified(MySqlSession s, List<Token> t, int i) throws SQLException {
        if (i >= t.size()) throw MySqlErrors.syntax("");
        if (i + 2 < t.size() && t.get(i + 1).text().equals(".")) {
            return new String[] {Commands.normalizeDb(t.get(i).identifier()), t.get(i + 2).identifier().toLowerCase(Locale.ROOT), "3"};
        }
        if (s.database() == null) throw MySqlErrors.noDatabaseSelected();
        return new String[] {s.database(), t.get(i).identifier().toLowerCase(Locale.ROOT), "1"};
    }

    /** DROP TRIGGER [IF EXISTS] [db.]name. */
    static Result drop(MySqlSession s, List<Token> t) throws SQLException {
        boolean ifExists = SqlScanner.isWord(t, 2, "IF");
        String[] name = qualified(s, t, ifExists ? 4 : 2);
        boolean exists = TriggerCatalog.list(s.connection(), name[0]).stream().anyMatch(e -> e.name().equals(name[1]));
        if (!exists) {
            if (ifExists) return Result.Update.OK;
            throw MySqlErrors.error(1360, "HY000", "Trigger does not exist");
        }
        Commands.exec(s, "DROP TRIGGER " + SqlScanner.quoteIdentifier(name[0]) + "." + SqlScanner.quoteIdentifier(name[1]));
        TriggerCatalog.delete(s.connection(), name[0], name[1]);
        return Result.Update.OK;
    }

    private static final List<String> SHOW_TRIGGERS = List.of("Trigger", "Event", "Table", "Statement", "Timing",
            "Created", "sql_mode", "Definer", "character_set_client", "collation_connection", "Database Collation");

    /** SHOW TRIGGERS [FROM db]: LIKE applies to the table name, as in MySQL (the caller filters column 0). */
    static Result.Rows show(MySqlSession s, String db) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TriggerCatalog.Entry e : TriggerCatalog.list(s.connection(), db)) {
            rows.add(new Object[] {e.name(), e.event(), e.table(), e.statement(), e.timing(), e.created(),
                    SQL_MODE, e.definer(), "utf8mb4", "utf8mb4_0900_ai_ci", "utf8mb4_0900_ai_ci"});
        }
        return ShowCommands.rows(SHOW_TRIGGERS, rows);
    }

    static final String SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    /** SHOW CREATE TRIGGER [db.]name. */
    static Result.Rows showCreate(MySqlSession s, List<Token> t, int i) throws SQLException {
        String[] name = qualified(s, t, i);
        for (TriggerCatalog.Entry e : TriggerCatalog.list(s.connection(), name[0])) {
            if (e.name().equals(name[1])) {
                return ShowCommands.rows(List.of("Trigger", "sql_mode", "SQL Original Statement", "character_set_client",
                        "collation_connection", "Database Collation", "Created"), List.<Object[]>of(new Object[] {e.name(),
                        SQL_MODE, e.definition(), "utf8mb4", "utf8mb4_0900_ai_ci", "utf8mb4_0900_ai_ci", e.created()}));
            }
        }
        throw MySqlErrors.error(1360, "HY000", "Trigger does not exist");
    }

    /**
     * CREATE PROCEDURE / FUNCTION: stored so that a dump containing routines loads (without --force) and SHOW
     * lists them, with warning 1235 saying they are not run; CALL and calls of the function fail.
     */
    static Result createRoutine(MySqlSession s, List<Token> t, int at, String text, String definer) throws SQLException {
        String type = t.get(at).upper();
        int i = at + 1;
        if (SqlScanner.isWord(t, i, "IF")) i += 3;
        String[] name = qualified(s, t, i);
        TriggerCatalog.putRoutine(s.connection(), name[0], name[1], type, text, definer);
        s.warnings().clear();
        s.warnings().add(new String[] {"Warning", String.valueOf(MySqlErrors.ER_NOT_SUPPORTED_YET), "Strata stored "
                + type + " " + name[0] + "." + name[1] + " but does not run stored procedures or functions"});
        return new Result.Update(0, 0, 1, "");
    }

    /** DROP PROCEDURE / FUNCTION [IF EXISTS] name. */
    static Result dropRoutine(MySqlSession s, List<Token> t) throws SQLException {
        String type = t.get(1).upper();
        boolean ifExists = SqlScanner.isWord(t, 2, "IF");
        String[] name = qualified(s, t, ifExists ? 4 : 2);
        if (!TriggerCatalog.deleteRoutine(s.connection(), name[0], name[1], type) && !ifExists) {
            throw MySqlErrors.error(1305, "42000", type + " " + name[0] + "." + name[1] + " does not exist");
        }
        return Result.Update.OK;
    }

    /** SHOW PROCEDURE|FUNCTION STATUS. */
    static Result.Rows showRoutines(MySqlSession s, String type) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : TriggerCatalog.routines(s.connection(), null)) {
            if (!r[2].equals(type)) continue;
            rows.add(new Object[] {r[0], r[1], r[2], r[4], r[5], r[5], "DEFINER", "", "utf8mb4", "utf8mb4_0900_ai_ci",
                    "utf8mb4_0900_ai_ci"});
        }
        return ShowCommands.rows(List.of("Db", "Name", "Type", "Definer", "Modified", "Created", "Security_type", "Comment",
                "character_set_client", "collation_connection", "Database Collation"), rows);
    }

    /** SHOW CREATE PROCEDURE|FUNCTION name. */
    static Result.Rows showCreateRoutine(MySqlSession s, String type, List<Token> t, int i) throws SQLException {
        String[] name = qualified(s, t, i);
        for (Object[] r : TriggerCatalog.routines(s.connection(), name[0])) {
            if (r[1].equals(name[1]) && r[2].equals(type)) {
                String label = type.equals("PROCEDURE") ? "Procedure" : "Function";
                return ShowCommands.rows(List.of(label, "sql_mode", "Create " + label, "character_set_client",
                        "collation_connection", "Database Collation"), List.<Object[]>of(new Object[] {name[1], SQL_MODE, r[3],
                        "utf8mb4", "utf8mb4_0900_ai_ci", "utf8mb4_0900_ai_ci"}));
            }
        }
        throw MySqlErrors.error(1305, "42000", type + " " + name[1] + " does not exist");
    }

    /** CALL name(...): stored procedures are kept but not run. */
    static SQLException call(MySqlSession s, List<Token> t) {
        String name = t.size() > 1 ? t.get(1).identifier() : "?";
        return MySqlErrors.error(MySqlErrors.ER_NOT_SUPPORTED_YET, "42000", "Strata does not run stored procedures"
                + " (CALL " + name + "); the connection remains usable");
    }

    /** Compiles a trigger body (tokens from {@code from}) into steps. */
    private static final class BodyCompiler {
        private final MySqlSession s;
        private final String text;
        private final List<Token> t;
        private final int end;
        private int i;
        private boolean before;

        BodyCompiler(MySqlSession s, String text, List<Token> t, int end) {
            this.s = s;
            this.text = text;
            this.t = t;
            this.end = end;
        }

        List<Step> compile(int from, String timing) throws SQLException {
            i = from;
            before = timing.equals("BEFORE");
            List<Step> steps = statements();
            if (i < end) throw MySqlErrors.syntax(text.substring(t.get(i).start()));
            return steps;
        }

        private boolean at(String word) {
            return i < end && t.get(i).is(word);
        }

        private List<Step> statements() throws SQLException {
            List<Step> out = new ArrayList<>();
            while (i < end) {
                if (t.get(i).text().equals(";")) {
                    i++;
                    continue;
                }
                if (at("END") || at("ELSE") || at("ELSEIF")) break;
                statement(out);
            }
            return out;
        }

        private void statement(List<Step> out) throws SQLException {
            Token x = t.get(i);
            if (x.is("BEGIN")) {
                i++;
                out.addAll(statements());
                if (!at("END")) throw MySqlErrors.syntax(text.substring(t.get(Math.min(i, end - 1)).start()));
                i++;
            } else if (x.is("IF")) {
                ifStatement(out);
            } else if (x.is("SET")) {
                i++;
                int stop = statementEnd(i);
                for (int[] a : assignments(i, stop)) assignment(out, a[0], a[1]);
                i = stop;
            } else if (x.is("SIGNAL")) {
                int stop = statementEnd(i);
                String state = "45000", message = "Unhandled user-defined exception condition";
                for (int k = i; k < stop; k++) {
                    if (t.get(k).is("SQLSTATE")) {
                        int v = t.get(k + 1).is("VALUE") ? k + 2 : k + 1;
                        state = t.get(v).identifier();
                    } else if (t.get(k).is("MESSAGE_TEXT") && k + 2 < stop) {
                        message = t.get(k + 2).identifier();
                    }
                }
                out.add(new TriggerProgram.Signal(state, message));
                i = stop;
            } else if (x.is("INSERT") || x.is("UPDATE") || x.is("DELETE") || x.is("REPLACE")) {
                int stop = statementEnd(i);
                Compiled c = compileSql(i, stop, "");
                out.add(new TriggerProgram.Exec(c.sql, c.params));
                i = stop;
            } else {
                throw MySqlErrors.error(MySqlErrors.ER_NOT_SUPPORTED_YET, "42000", "Strata does not support '"
                        + x.text() + "' in a trigger body (supported: SET NEW.col, INSERT, UPDATE, DELETE, REPLACE, IF,"
                        + " SIGNAL, BEGIN ... END)");
            }
        }

        private void ifStatement(List<Step> out) throws SQLException {
            List<TriggerProgram.Branch> branches = new ArrayList<>();
            List<Step> otherwise = List.of();
            do {
                i++; // IF or ELSEIF
                int cond = i;
                int depth = 0;
                while (i < end && !(depth == 0 && t.get(i).is("THEN"))) {
                    if (t.get(i).text().equals("(")) depth++;
                    else if (t.get(i).text().equals(")")) depth--;
                    i++;
                }
                if (i >= end) throw MySqlErrors.syntax(text.substring(t.get(cond).start()));
                Compiled c = compileSql(cond, i, "SELECT CASE WHEN (");
                i++; // THEN
                branches.add(new TriggerProgram.Branch(c.sql, c.params, statements()));
            } while (at("ELSEIF"));
            if (at("ELSE")) {
                i++;
                otherwise = statements();
            }
            if (!(at("END") && i + 1 < end && t.get(i + 1).is("IF"))) {
                throw MySqlErrors.syntax(text.substring(t.get(Math.min(i, end - 1)).start()));
            }
            i += 2;
            out.add(new TriggerProgram.If(branches, otherwise));
        }

        /** Index of the ';' (or END/ELSE/ELSEIF closing a block, or end) ending the statement at {@code k}. */
        private int statementEnd(int k) {
            int depth = 0;
            for (; k < end; k++) {
                Token x = t.get(k);
                if (x.text().equals("(")) depth++;
                else if (x.text().equals(")")) depth--;
                else if (depth == 0 && (x.text().equals(";") || (x.is("END") && !isCaseEnd(k)) || x.is("ELSE") && !inCase(k)
                        || x.is("ELSEIF"))) {
                    return k;
                }
            }
            return end;
        }

        private boolean isCaseEnd(int k) {
            return inCase(k);
        }

        /** True if token k is inside a CASE expression that starts after the current statement start. */
        private boolean inCase(int k) {
            int open = 0;
            for (int j = i; j < k; j++) {
                if (t.get(j).is("CASE")) open++;
                else if (t.get(j).is("END") && open > 0) open--;
            }
            return open > 0;
        }

        private List<int[]> assignments(int from, int to) {
            List<int[]> out = new ArrayList<>();
            int depth = 0, start = from;
            for (int k = from; k < to; k++) {
                String x = t.get(k).text();
                if (x.equals("(")) depth++;
                else if (x.equals(")")) depth--;
                else if (x.equals(",") && depth == 0) {
                    out.add(new int[] {start, k});
                    start = k + 1;
                }
            }
            out.add(new int[] {start, to});
            return out;
        }

        private void assignment(List<Step> out, int from, int to) throws SQLException {
            int eq = from;
            while (eq < to && !t.get(eq).text().equals("=")) eq++;
            if (eq >= to - 0 || eq == from) throw MySqlErrors.syntax(text.substring(t.get(from).start()));
            int valueFrom = eq + 1;
            int targetEnd = t.get(eq - 1).text().equals(":") ? eq - 1 : eq;
            Token first = t.get(from);
            if (first.kind() == Kind.VARIABLE) {
                Compiled c = compileSql(valueFrom, to, "SET " + first.text() + " = ");
                out.add(new TriggerProgram.Exec(c.sql, c.params));
                return;
            }
            if ((first.is("NEW") || first.is("OLD")) && targetEnd - from == 3 && t.get(from + 1).text().equals(".")) {
                if (first.is("OLD") || !before) {
                    throw MySqlErrors.error(1362, "HY000", "Updating of " + first.upper() + " row is not allowed in "
                            + (before ? "trigger" : "after trigger"));
                }
                Compiled c = compileSql(valueFrom, to, "SELECT ");
                out.add(new TriggerProgram.SetNew(t.get(from + 2).identifier().toLowerCase(Locale.ROOT), c.sql, c.params));
                return;
            }
            throw MySqlErrors.error(MySqlErrors.ER_NOT_SUPPORTED_YET, "42000",
                    "Strata supports only SET NEW.col = ... and SET @var = ... in a trigger body");
        }

        private record Compiled(String sql, List<String> params) {}

        /**
         * MySQL text of tokens [from, to) with NEW.col/OLD.col replaced by markers, prefixed by {@code prefix}
         * (a CASE prefix gets its closing), rewritten to H2 SQL, then markers turned into indexed parameters.
         */
        private Compiled compileSql(int from, int to, String prefix) {
            StringBuilder mysql = new StringBuilder(prefix);
            int copied = t.get(from).start();
            for (int k = from; k < to; k++) {
                Token x = t.get(k);
                if ((x.is("NEW") || x.is("OLD")) && k + 2 < to && t.get(k + 1).text().equals(".")
                        && (k == 0 || !t.get(k - 1).text().equals("."))) {
                    mysql.append(text, copied, x.start()).append("strata$").append(x.is("NEW") ? 'n' : 'o').append('$')
                            .append(t.get(k + 2).identifier().toLowerCase(Locale.ROOT));
                    copied = t.get(k + 2).end();
                    k += 2;
                }
            }
            mysql.append(text, copied, t.get(to - 1).end());
            if (prefix.startsWith("SELECT CASE")) mysql.append(") THEN 1 ELSE 0 END");
            String m = mysql.toString();
            String h2 = Rewriter.rewrite(s, m, SqlScanner.tokenize(m));
            Map<String, Integer> index = new LinkedHashMap<>();
            StringBuilder out = new StringBuilder();
            int c = 0;
            for (Token x : SqlScanner.tokenize(h2)) {
                if (x.kind() == Kind.WORD && x.text().startsWith("strata$") && x.text().length() > 9) {
                    String param = (x.text().charAt(7) == 'n' ? "N:" : "O:") + x.text().substring(9);
                    int n = index.computeIfAbsent(param, p -> index.size() + 1);
                    out.append(h2, c, x.start()).append('?').append(n);
                    c = x.end();
                }
            }
            out.append(h2, c, h2.length());
            return new Compiled(out.toString(), new ArrayList<>(index.keySet()));
        }
    }
}
