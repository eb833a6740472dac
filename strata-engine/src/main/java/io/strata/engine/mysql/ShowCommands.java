package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code SHOW} statements with MySQL's column names, computed from H2's INFORMATION_SCHEMA and the session.
 * {@code LIKE} filters the first column; {@code WHERE} is evaluated by H2 over the computed rows.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/show.html">SHOW statements</a>
 */
final class ShowCommands {
    private ShowCommands() {}

    static Result show(MySqlSession s, String text, List<Token> t) throws SQLException {
        int i = 1;
        boolean full = false;
        if (SqlScanner.isWord(t, i, "FULL")) {
            full = true;
            i++;
        }
        boolean global = SqlScanner.isWord(t, i, "GLOBAL");
        if (SqlScanner.isWord(t, i, "SESSION") || global || SqlScanner.isWord(t, i, "LOCAL")) {
            i++;
        }
        if (i >= t.size()) throw MySqlErrors.syntax(text);
        String what = t.get(i).upper();
        if (what.equals("TRIGGERS")) {
            Result.Rows all = TriggerCommands.show(s, fromDb(s, t, i + 1));
            int like = likeAt(t);
            if (like < 0) return filter(s, all, t);
            Pattern p = likePattern(t.get(like + 1).identifier()); // LIKE matches the table name (MySQL 15.7.7.40)
            List<Object[]> kept = new ArrayList<>();
            for (Object[] r : all.rows()) if (p.matcher(String.valueOf(r[2])).matches()) kept.add(r);
            return new Result.Rows(all.columns(), kept);
        }
        Result.Rows rows = switch (what) {
            case "DATABASES", "SCHEMAS" -> databases(s);
            case "TABLES" -> tables(s, fromDb(s, t, i + 1), full);
            case "COLUMNS", "FIELDS" -> columns(s, table(t, i + 2), dbAfter(t, afterTable(t, i + 2)), full);
            case "INDEX", "INDEXES", "KEYS" -> Metadata.indexes(s, table(t, i + 2), dbAfter(t, afterTable(t, i + 2)));
            case "CREATE" -> showCreate(s, t, i + 1);
            case "TABLE" -> {
                if (!SqlScanner.isWord(t, i + 1, "STATUS")) throw MySqlErrors.syntax(text.substring(t.get(i).start()));
                yield Metadata.tableStatus(s, fromDb(s, t, i + 2));
            }
            case "VARIABLES" -> variables(s, global);
            case "STATUS" -> status(s);
            case "WARNINGS", "ERRORS" -> warnings(s, what.equals("ERRORS"));
            case "COUNT" -> { // SHOW COUNT(*) WARNINGS | ERRORS
                boolean errors = SqlScanner.isWord(t, i + 4, "ERRORS");
                long n = 0;
                for (String[] w : s.warnings()) if (!errors || w[0].equals("Error")) n++;
                yield rows(List.of("@@session." + (errors ? "error_count" : "warning_count")), List.<Object[]>of(new Object[] {n}));
            }
            case "PROCESSLIST" -> processlist(s, full);
            case "ENGINES" -> rows(List.of("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"),
                    List.<Object[]>of(new Object[] {"InnoDB", "DEFAULT", "Strata (H2 MVStore)", "YES", "NO", "YES"}));
            case "CHARSET", "CHARACTER" -> rows(List.of("Charset", "Description", "Default collation", "Maxlen"),
                    List.<Object[]>of(new Object[] {"utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4L},
                            new Object[] {"binary", "Binary pseudo charset", "binary", 1L}));
            case "COLLATION" -> rows(List.of("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen"),
                    List.<Object[]>of(new Object[] {"utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L},
                            new Object[] {"utf8mb4_general_ci", "utf8mb4", 45L, "", "Yes", 1L},
                            new Object[] {"binary", "binary", 63L, "Yes", "Yes", 1L}));
            case "EVENTS" -> rows(List.of("Db", "Name", "Definer", "Time zone", "Type"), List.of());
            case "PROCEDURE", "FUNCTION" -> TriggerCommands.showRoutines(s, what);
            case "GRANTS" -> rows(List.of("Grants for " + s.user() + "@%"),
                    List.<Object[]>of(new Object[] {"GRANT ALL PRIVILEGES ON *.* TO `" + s.user() + "`@`%`"}));
            default -> throw MySqlErrors.syntax(text.substring(t.get(i).start()));
        };
        return filter(s, rows, t);
    }

    private static String fromDb(MySqlSession s, List<Token> t, int i) throws SQLException {
        String db = dbAfter(t, i);
        if (db == null) db = s.database();
        if (db == null) throw MySqlErrors.noDatabaseSelected();
        return db;
    }

    private static String dbAfter(List<Token> t, int i) {
        return (SqlScanner.isWord(t, i, "FROM") || SqlScanner.isWord(t, i, "IN")) && i + 1 < t.size()
                ? Commands.normalizeDb(t.get(i + 1).identifier()) : null;
    }

    private static int afterTable(List<Token> t, int i) {
        return i + 2 < t.size() && t.get(i + 1).text().equals(".") ? i + 3 : i + 1;
    }

    /** Table name at {@code i}, which may be {@code db.table}: returns "db.table" split later. */
    private static String table(List<Token> t, int i) {
        if (i + 2 < t.size() && t.get(i + 1).text().equals(".")) {
            return t.get(i).identifier() + "." + t.get(i + 2).identifier();
        }
        return t.get(i).identifier();
    }

    static Result.Rows rows(List<String> names, List<Object[]> data) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Object sample = data.isEmpty() ? null : data.get(0)[c];
            cols.add(sample instanceof Long ? ColumnInfo.computed(names.get(c), Types.BIGINT)
                    : ColumnInfo.varchar(names.get(c)));
        }
        return new Result.Rows(cols, new ArrayList<>(data));
    }

    private static Result.Rows databases(MySqlSession s) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT LOWER(SCHEMA_NAME) FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY 1")) {
            while (rs.next()) {
                if (!rs.getString(1).equals("public")) out.add(new Object[] {rs.getString(1)});
            }
        }
        return rows(List.of("Database"), out);
    }

    private static Result.Rows tables(MySqlSession s, String db, boolean full) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("SELECT TABLE_NAME, TABLE_TYPE FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = ? ORDER BY TABLE_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2).contains("VIEW") ? "VIEW"
                            : db.equals("information_schema") ? "SYSTEM VIEW" : "BASE TABLE";
                    out.add(full ? new Object[] {rs.getString(1), type} : new Object[] {rs.getString(1)});
                }
            }
        }
        String col = "Tables_in_" + db;
        return rows(full ? List.of(col, "Table_type") : List.of(col), out);
    }

    static Result.Rows columns(MySqlSession s, String table, String db, boolean full) throws SQLException {
        if (table.contains(".") && db == null) {
            db = table.substring(0, table.indexOf('.'));
            table = table.substring(table.indexOf('.') + 1);
        }
        List<Object[]> out = new ArrayList<>();
        for (Metadata.Column c : Metadata.columns(s, db, table)) {
            out.add(full ? new Object[] {c.name(), c.mysqlType(), c.collation(), c.nullable() ? "YES" : "NO", c.key(),
                    c.defaultValue(), c.extra(), "select,insert,update,references", ""}
                    : new Object[] {c.name(), c.mysqlType(), c.nullable() ? "YES" : "NO", c.key(), c.defaultValue(),
                    c.extra()});
        }
        return rows(full ? List.of("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges",
                "Comment") : List.of("Field", "Type", "Null", "Key", "Default", "Extra"), out);
    }

    private static Result.Rows showCreate(MySqlSession s, List<Token> t, int i) throws SQLException {
        if (SqlScanner.isWord(t, i, "DATABASE") || SqlScanner.isWord(t, i, "SCHEMA")) {
            String db = t.get(t.size() - 1).identifier();
            if (!Commands.databaseExists(s, Commands.normalizeDb(db))) throw MySqlErrors.unknownDatabase(db);
            return rows(List.of("Database", "Create Database"), List.<Object[]>of(new Object[] {db,
                    "CREATE DATABASE `" + db + "` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */"}));
        }
        if (SqlScanner.isWord(t, i, "TRIGGER")) return TriggerCommands.showCreate(s, t, i + 1);
        if (SqlScanner.isWord(t, i, "PROCEDURE") || SqlScanner.isWord(t, i, "FUNCTION")) {
            return TriggerCommands.showCreateRoutine(s, t.get(i).upper(), t, i + 1);
        }
        boolean view = SqlScanner.isWord(t, i, "VIEW");
        if (!SqlScanner.isWord(t, i, "TABLE") && !view) throw MySqlErrors.notSupported("SHOW CREATE " + t.get(i).text());
        String name = table(t, i + 1);
        String db = null;
        if (name.contains(".")) {
            db = name.substring(0, name.indexOf('.'));
            name = name.substring(name.indexOf('.') + 1);
        }
        Result.Rows viewRows = ViewCommands.showCreate(s, db, name); // SHOW CREATE TABLE of a view shows the view
        if (viewRows != null) return viewRows;
        if (view) {
            String qualified = (db != null ? db : s.database()) + "." + name;
            if (Metadata.columns(s, db, name).isEmpty()) {
                throw MySqlErrors.error(MySqlErrors.ER_NO_SUCH_TABLE, "42S02", "Table '" + qualified + "' doesn't exist");
            }
            throw MySqlErrors.error(1347, "HY000", "'" + qualified + "' is not VIEW");
        }
        return rows(List.of("Table", "Create Table"),
                List.<Object[]>of(new Object[] {name, Metadata.createTable(s, db, name)}));
    }

    private static Result.Rows variables(MySqlSession s, boolean global) {
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : (global ? s.vars.allGlobal() : s.vars.all()).entrySet()) {
            Object v = s.variable(e.getKey(), global);
            out.add(new Object[] {e.getKey(), v == null ? "" : String.valueOf(v)});
        }
        return rows(List.of("Variable_name", "Value"), out);
    }

    /**
     * SHOW STATUS: the server status variables Strata keeps (MySQL manual 7.1.10), per endpoint, and the TLS
     * state of this connection ({@code Ssl_cipher} empty without TLS, as in MySQL).
     */
    private static Result.Rows status(MySqlSession s) {
        SessionRegistry r = s.registry();
        long running = 0;
        for (SessionRegistry.Entry e : r.entries()) if (!"Sleep".equals(e.command)) running++;
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"Aborted_clients", "0"});
        out.add(new Object[] {"Connections", String.valueOf(r.connections())});
        out.add(new Object[] {"Max_used_connections", String.valueOf(r.size())});
        out.add(new Object[] {"Queries", String.valueOf(r.questions())});
        out.add(new Object[] {"Questions", String.valueOf(r.questions())});
        out.add(new Object[] {"Slow_queries", "0"});
        out.add(new Object[] {"Ssl_cipher", s.tlsCipher() == null ? "" : s.tlsCipher()});
        out.add(new Object[] {"Ssl_version", s.tlsVersion() == null ? "" : s.tlsVersion()});
        out.add(new Object[] {"Threads_connected", String.valueOf(r.size())});
        out.add(new Object[] {"Threads_running", String.valueOf(running)});
        out.add(new Object[] {"Uptime", String.valueOf(r.uptimeSeconds())});
        return rows(List.of("Variable_name", "Value"), out);
    }

    private static Result.Rows warnings(MySqlSession s, boolean errorsOnly) {
        List<Object[]> out = new ArrayList<>();
        for (String[] w : s.warnings()) {
            if (!errorsOnly || w[0].equals("Error")) out.add(new Object[] {w[0], Long.parseLong(w[1]), w[2]});
        }
        Result.Rows r = rows(List.of("Level", "Code", "Message"), out);
        List<ColumnInfo> cols = new ArrayList<>(r.columns());
        cols.set(1, ColumnInfo.computed("Code", Types.BIGINT));
        return new Result.Rows(cols, r.rows());
    }

    private static Result.Rows processlist(MySqlSession s, boolean full) {
        List<Object[]> out = new ArrayList<>();
        for (SessionRegistry.Entry e : s.registry().entries()) {
            String info = e.info;
            if (info != null && !full && info.length() > 100) info = info.substring(0, 100);
            MySqlSession es = e.session;
            out.add(new Object[] {e.id, e.user, e.host, es == null ? null : es.database(), e.command,
                    Duration.between(e.commandStart, Instant.now()).toSeconds(),
                    es != null && es.sleeping() ? "User sleep" : "", info});
        }
        List<String> names = List.of("Id", "User", "Host", "db", "Command", "Time", "State", "Info");
        List<ColumnInfo> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(n.equals("Id") || n.equals("Time") ? ColumnInfo.computed(n, Types.BIGINT) : ColumnInfo.varchar(n));
        }
        return new Result.Rows(cols, out);
    }

    /** Applies a trailing {@code LIKE 'pattern'} (first column) or {@code WHERE expr}. */
    private static Result filter(MySqlSession s, Result.Rows rows, List<Token> t) throws SQLException {
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).is("LIKE") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.STRING) {
                Pattern p = likePattern(t.get(i + 1).identifier());
                List<Object[]> kept = new ArrayList<>();
                for (Object[] r : rows.rows()) if (p.matcher(String.valueOf(r[0])).matches()) kept.add(r);
                return new Result.Rows(rows.columns(), kept);
            }
            if (t.get(i).is("WHERE")) return Metadata.where(s, rows, t, i);
        }
        return rows;
    }

    private static int likeAt(List<Token> t) {
        for (int i = 1; i + 1 < t.size(); i++) {
            if (t.get(i).is("LIKE") && t.get(i + 1).kind() == Kind.STRING) return i;
        }
        return -1;
    }

    static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            else if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
