package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Statements the MySQL layer handles itself instead of passing them to H2: USE, CREATE/DROP DATABASE,
 * transaction control, SET, SHOW/DESCRIBE, KILL, LOCK/UNLOCK TABLES and other no-ops, and stored programs
 * (triggers run, see {@link TriggerCommands}; procedures and functions are stored but not run; events are
 * rejected with a clear error).
 */
final class Commands {
    private static final Set<String> STORED_PROGRAMS = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");

    private Commands() {}

    /** Returns the result of an intercepted statement, or null to pass the statement to H2. */
    static Result intercept(MySqlSession s, String text, List<Token> t) throws SQLException {
        Token first = t.get(0);
        String kw = first.kind() == Kind.WORD ? first.upper() : "";
        switch (kw) {
            case "USE":
                if (t.size() < 2) throw MySqlErrors.syntax(text);
                s.useDatabase(t.get(1).identifier());
                return Result.Update.OK;
            case "BEGIN":
                if (t.size() == 1 || SqlScanner.isWord(t, 1, "WORK")) {
                    s.begin();
                    return Result.Update.OK;
                }
                return null;
            case "START":
                if (SqlScanner.isWord(t, 1, "TRANSACTION")) {
                    s.begin();
                    return Result.Update.OK;
                }
                return null;
            case "COMMIT":
            case "ROLLBACK":
                if (t.size() == 1 || (SqlScanner.isWord(t, 1, "WORK") && t.size() == 2)) {
                    s.endTransaction(kw.equals("COMMIT"));
                    return Result.Update.OK;
                }
                return null;
            case "SET":
                return SetCommand.execute(s, text, t);
            case "SHOW":
                return ShowCommands.show(s, text, t);
            case "DESCRIBE":
            case "DESC":
            case "EXPLAIN":
                if (t.size() >= 2 && (t.get(1).kind() != Kind.WORD || !isStatementStart(t.get(1)))) {
                    return ShowCommands.columns(s, t.get(1).identifier(), null, false);
                }
                return null;
            case "KILL":
                return kill(s, t);
            case "LOCK":
            case "UNLOCK":
            case "FLUSH":
                return Result.Update.OK;
            case "CREATE": {
                Result r = create(s, text, t);
                if (r != null) return r;
                String ddl = DdlRewriter.createTable(text, t, s.foreignKeys().deferralList());
                if (ddl == null) ddl = DdlRewriter.createIndex(text, t);
                if (SqlScanner.isWord(t, 1, "TEMPORARY")) { // MySQL temporary tables are private to the session
                    String base = ddl == null ? text : ddl;
                    int at = base.toUpperCase(java.util.Locale.ROOT).indexOf("TEMPORARY");
                    ddl = base.substring(0, at) + "LOCAL " + base.substring(at);
                }
                return ddl == null ? null : s.runOnH2(Rewriter.rewrite(s, ddl, SqlScanner.tokenize(ddl)), first);
            }
            case "DROP": {
                Result r = drop(s, t);
                if (r != null) return r;
                return runAll(s, DdlRewriter.dropIndex(s, t), first);
            }
            case "ALTER":
                if (t.size() >= 5 && t.get(1).is("TABLE") && (t.get(t.size() - 1).is("KEYS"))) {
                    return Result.Update.OK; // ALTER TABLE t DISABLE/ENABLE KEYS (mysqldump)
                }
                return runAll(s, DdlRewriter.alterTable(s, text, t), first);
            case "RENAME":
                return rename(s, text, t);
            case "OPTIMIZE":
            case "ANALYZE":
            case "CHECK":
            case "REPAIR":
            case "CHECKSUM":
                return SqlScanner.isWord(t, 1, "TABLE") || SqlScanner.isWord(t, 1, "TABLES")
                        || SqlScanner.isWord(t, 1, "NO_WRITE_TO_BINLOG") || SqlScanner.isWord(t, 1, "LOCAL")
                        ? tableMaintenance(s, kw, t) : null;
            case "CALL":
                throw TriggerCommands.call(s, t);
            case "DO":
                s.runOnH2("SELECT " + Rewriter.rewrite(s, text, t).substring(first.end()), first);
                return Result.Update.OK;
            default:
                return null;
        }
    }

    /** RENAME TABLE a TO b [, c TO d]. */
    private static Result rename(MySqlSession s, String text, List<Token> t) throws SQLException {
        if (!SqlScanner.isWord(t, 1, "TABLE") && !SqlScanner.isWord(t, 1, "TABLES")) return null;
        List<String> out = new java.util.ArrayList<>();
        int start = 2;
        for (int k = 2; k <= t.size(); k++) {
            if (k == t.size() || t.get(k).text().equals(",")) {
                String pair = text.substring(t.get(start).start(), t.get(k - 1).end());
                String[] parts = pair.split("(?i)\\s+TO\\s+");
                if (parts.length != 2) throw MySqlErrors.syntax(pair);
                String target = parts[1].contains(".") ? parts[1].substring(parts[1].lastIndexOf('.') + 1) : parts[1];
                out.add("ALTER TABLE " + parts[0] + " RENAME TO " + target);
                start = k + 1;
            }
        }
        return runAll(s, out, t.get(0));
    }

    /** OPTIMIZE/ANALYZE/CHECK/REPAIR/CHECKSUM TABLE: nothing to do on H2; MySQL's result shape. */
    private static Result tableMaintenance(MySqlSession s, String op, List<Token> t) throws SQLException {
        List<Object[]> rows = new java.util.ArrayList<>();
        int k = 2;
        while (k < t.size() && !t.get(k - 1).is("TABLE") && !t.get(k - 1).is("TABLES")) k++;
        for (; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.text().equals(",") || x.text().equals(".")) continue;
            if (x.kind() != Kind.WORD && x.kind() != Kind.BACKTICK) continue;
            if (k + 1 < t.size() && t.get(k + 1).text().equals(".")) continue; // db qualifier
            String table = x.identifier();
            ShowCommands.columns(s, table, null, false); // 1146 if missing
            String db = s.database() == null ? "" : s.database() + ".";
            rows.add(op.equals("CHECKSUM") ? new Object[] {db + table, 0L}
                    : new Object[] {db + table, op.toLowerCase(java.util.Locale.ROOT), "status", "OK"});
        }
        return op.equals("CHECKSUM") ? ShowCommands.rows(List.of("Table", "Checksum"), rows)
                : ShowCommands.rows(List.of("Table", "Op", "Msg_type", "Msg_text"), rows);
    }

    /** Runs translated DDL statements in order; null (pass through) if there are none. */
    private static Result runAll(MySqlSession s, List<String> statements, Token first) throws SQLException {
        if (statements == null) return null;
        Result last = Result.Update.OK;
        for (String st : statements) {
            if (!st.isEmpty()) { // an empty translation is a spec with nothing to do in H2
                last = s.runOnH2(Rewriter.rewrite(s, st, SqlScanner.tokenize(st)), first);
            }
        }
        return last;
    }

    private static boolean isStatementStart(Token t) {
        return Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "FORMAT", "ANALYZE", "TABLE")
                .contains(t.upper());
    }

    private static Result kill(MySqlSession s, List<Token> t) throws SQLException {
        int i = 1;
        boolean queryOnly = false;
        if (SqlScanner.isWord(t, i, "QUERY")) {
            queryOnly = true;
            i++;
        } else if (SqlScanner.isWord(t, i, "CONNECTION")) {
            i++;
        }
        if (!SqlScanner.isKind(t, i, Kind.NUMBER)) throw MySqlErrors.syntax("KILL");
        s.registry().kill(Long.parseLong(t.get(i).text()), queryOnly);
        return Result.Update.OK;
    }

    private static Result create(MySqlSession s, String text, List<Token> t) throws SQLException {
        int i = 1;
        if (SqlScanner.isWord(t, i, "OR") && SqlScanner.isWord(t, i + 1, "REPLACE")) i += 2;
        String definer = "`" + s.user() + "`@`%`";
        while (i < t.size() && (t.get(i).is("DEFINER") || t.get(i).is("ALGORITHM") || t.get(i).is("SQL")
                || t.get(i).is("AGGREGATE"))) {
            int next = skipClause(t, i);
            if (t.get(i).is("DEFINER") && i + 2 < next) {
                definer = text.substring(t.get(i + 2).start(), t.get(next - 1).end());
            }
            i = next;
        }
        if (SqlScanner.isWord(t, i, "TRIGGER")) return TriggerCommands.create(s, text, t, i, definer);
        if (SqlScanner.isWord(t, i, "PROCEDURE") || SqlScanner.isWord(t, i, "FUNCTION")) {
            return TriggerCommands.createRoutine(s, t, i, text, definer);
        }
        if (i < t.size() && STORED_PROGRAMS.contains(t.get(i).upper())) {
            throw MySqlErrors.notSupported("CREATE " + t.get(i).upper());
        }
        Result like = createTableLike(s, t);
        if (like != null) return like;
        if (SqlScanner.isWord(t, 1, "DATABASE") || SqlScanner.isWord(t, 1, "SCHEMA")) {
            boolean ifNotExists = SqlScanner.isWord(t, 2, "IF");
            Token name = t.get(ifNotExists ? 5 : 2);
            String db = normalizeDb(name.identifier());
            if (databaseExists(s, db)) {
                if (ifNotExists) return new Result.Update(0, 0, 0, "");
                throw MySqlErrors.error(1007, "HY000", "Can't create database '" + db + "'; database exists");
            }
            exec(s, "CREATE SCHEMA " + SqlScanner.quoteIdentifier(db));
            return new Result.Update(1, 0, 0, "");
        }
        if (i < t.size() && t.get(i).is("VIEW")) {
            // Drop DEFINER/ALGORITHM/SQL SECURITY, which H2 does not know.
            String prefix = t.get(1).is("OR") ? "CREATE OR REPLACE " : "CREATE ";
            String rest = text.substring(t.get(i).start());
            Result created = s.runOnH2(Rewriter.rewrite(s, prefix + rest, SqlScanner.tokenize(prefix + rest)), t.get(0));
            ViewCommands.created(s, text, t, i); // the MySQL text, for SHOW CREATE VIEW
            return created;
        }
        return null;
    }

    /**
     * CREATE TABLE new LIKE old (MySQL 15.1.20.3): H2 has no LIKE form, so the old table's SHOW CREATE TABLE
     * text, renamed and without its foreign keys (which LIKE does not copy), is run as MySQL DDL.
     */
    private static Result createTableLike(MySqlSession s, List<Token> t) throws SQLException {
        int i = 2;
        if (!SqlScanner.isWord(t, 1, "TABLE")) return null;
        boolean ifNotExists = SqlScanner.isWord(t, i, "IF");
        if (ifNotExists) i += 3;
        int nameEnd = i + 2 < t.size() && t.get(i + 1).text().equals(".") ? i + 2 : i;
        int like = nameEnd + 1, src;
        if (SqlScanner.isWord(t, like, "LIKE")) {
            src = like + 1;
        } else if (like + 1 < t.size() && t.get(like).text().equals("(") && SqlScanner.isWord(t, like + 1, "LIKE")) {
            src = like + 2;
        } else {
            return null;
        }
        if (src >= t.size()) return null;
        String db = null, old = t.get(src).identifier();
        if (src + 2 < t.size() && t.get(src + 1).text().equals(".")) {
            db = t.get(src).identifier();
            old = t.get(src + 2).identifier();
        }
        String ddl = Metadata.createTable(s, db, old);
        StringBuilder kept = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (line.strip().startsWith("CONSTRAINT") && line.contains("FOREIGN KEY")) continue;
            kept.append(line).append('\n');
        }
        String body = kept.toString().replaceAll(",\\n\\)", "\\n)");
        String target = tokensText(t.subList(i, nameEnd + 1));
        String sql = "CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + target + body.substring(body.indexOf(" ("));
        return s.execute(sql);
    }

    /** Skips DEFINER=x@y, ALGORITHM=x, SQL SECURITY x, AGGREGATE. */
    private static int skipClause(List<Token> t, int i) {
        Token k = t.get(i);
        if (k.is("SQL")) return i + 3;
        if (k.is("AGGREGATE")) return i + 1;
        i += 2; // keyword '='
        if (i < t.size()) i++; // value
        if (k.is("DEFINER") && i < t.size() && t.get(i).kind() == Kind.VARIABLE) i++; // `u`@`h`: @`h` token
        if (k.is("DEFINER") && i + 1 < t.size() && t.get(i).text().equals("(")) i += 2; // CURRENT_USER()
        return i;
    }

    private static Result drop(MySqlSession s, List<Token> t) throws SQLException {
        if (t.size() < 2) return null;
        if (t.get(1).is("TEMPORARY")) {
            String rest = tokensText(t.subList(2, t.size()));
            return s.runOnH2(Rewriter.rewrite(s, "DROP " + rest, SqlScanner.tokenize("DROP " + rest)), t.get(0));
        }
        String what = t.get(1).upper();
        if ((what.equals("TABLE") || what.equals("TABLES")) && !s.foreignKeys().enabled()
                && !t.get(t.size() - 1).is("CASCADE")) {
            // foreign_key_checks=0 lets MySQL drop referenced tables
            return s.runOnH2(Rewriter.rewrite(s, tokensText(t) + " CASCADE", SqlScanner.tokenize(tokensText(t) + " CASCADE")),
                    t.get(0));
        }
        boolean ifExists = SqlScanner.isWord(t, 2, "IF");
        if (what.equals("TRIGGER")) return TriggerCommands.drop(s, t);
        if (what.equals("PROCEDURE") || what.equals("FUNCTION")) return TriggerCommands.dropRoutine(s, t);
        if (STORED_PROGRAMS.contains(what)) {
            if (ifExists) return Result.Update.OK;
            String name = t.size() > 2 ? t.get(t.size() - 1).identifier() : "?";
            throw MySqlErrors.error(1305, "42000", what + " " + name + " does not exist");
        }
        if (what.equals("DATABASE") || what.equals("SCHEMA")) {
            String db = normalizeDb(t.get(ifExists ? 4 : 2).identifier());
            if (!databaseExists(s, db)) {
                if (ifExists) return Result.Update.OK;
                throw MySqlErrors.error(1008, "HY000", "Can't drop database '" + db + "'; database doesn't exist");
            }
            long tables = countTables(s, db);
            exec(s, "DROP SCHEMA " + SqlScanner.quoteIdentifier(db) + " CASCADE");
            if (db.equals(s.database())) s.clearDatabase();
            return new Result.Update(tables, 0, 0, "");
        }
        return null;
    }

    private static String tokensText(List<Token> t) {
        StringBuilder sb = new StringBuilder();
        for (Token x : t) sb.append(sb.length() == 0 ? "" : " ").append(x.text());
        return sb.toString();
    }

    static String normalizeDb(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean databaseExists(MySqlSession s, String db) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(
                "SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA WHERE LOWER(SCHEMA_NAME) = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long countTables(MySqlSession s, String db) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void exec(MySqlSession s, String h2Sql) throws SQLException {
        try (Statement st = s.connection().createStatement()) {
            st.execute(h2Sql);
        }
    }
}
