package io.strata.engine.mysql;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;

/**
 * MySQL errors: factories for the errors the MySQL layer raises itself, and {@link #translate} mapping an H2
 * {@link SQLException} to the MySQL error code and SQLSTATE a MySQL 8 server would report.
 *
 * <p>A MySQL error is a {@link SQLException} whose {@link SQLException#getErrorCode()} is the MySQL error
 * number and whose {@link SQLException#getSQLState()} is the MySQL SQLSTATE; the protocol sends both verbatim.
 *
 * @see <a href="https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html">Server error reference</a>
 */
public final class MySqlErrors {
    public static final int ER_DBACCESS_DENIED = 1044;
    public static final int ER_ACCESS_DENIED = 1045;
    public static final int ER_NO_DB = 1046;
    public static final int ER_BAD_DB = 1049;
    public static final int ER_DUP_ENTRY = 1062;
    public static final int ER_PARSE = 1064;
    public static final int ER_UNKNOWN_COM = 1047;
    public static final int ER_UNKNOWN_ERROR = 1105;
    public static final int ER_NO_SUCH_TABLE = 1146;
    public static final int ER_BAD_FIELD = 1054;
    public static final int ER_NOT_SUPPORTED_YET = 1235;
    public static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    public static final int ER_LOCK_DEADLOCK = 1213;
    public static final int ER_NO_SUCH_THREAD = 1094;
    public static final int ER_QUERY_INTERRUPTED = 1317;
    public static final int ER_UNKNOWN_STMT_HANDLER = 1243;
    public static final int ER_NET_PACKET_TOO_LARGE = 1153;
    public static final int ER_MALFORMED_PACKET = 1835;

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern DUP_VALUES = Pattern.compile("VALUES \\( /\\* \\d+ \\*/ (.*?) \\)");

    private MySqlErrors() {}

    public static SQLException error(int code, String sqlState, String message) {
        return new SQLException(message, sqlState, code);
    }

    public static SQLException accessDenied(String user, String host, boolean usingPassword) {
        return error(ER_ACCESS_DENIED, "28000", "Access denied for user '" + user + "'@'" + host
                + "' (using password: " + (usingPassword ? "YES" : "NO") + ")");
    }

    public static SQLException unknownDatabase(String db) {
        return error(ER_BAD_DB, "42000", "Unknown database '" + db + "'");
    }

    public static SQLException noDatabaseSelected() {
        return error(ER_NO_DB, "3D000", "No database selected");
    }

    public static SQLException syntax(String near) {
        return error(ER_PARSE, "42000", "You have an error in your SQL syntax; check the manual that corresponds"
                + " to your MySQL server version for the right syntax to use near '" + abbreviate(near) + "'");
    }

    /** A MySQL feature Strata deliberately does not implement; the session stays usable. */
    public static SQLException notSupported(String feature) {
        return error(ER_NOT_SUPPORTED_YET, "42000", "Strata does not support '" + feature
                + "' (stored programs are not implemented; the connection remains usable)");
    }

    public static SQLException unknownCommand() {
        return error(ER_UNKNOWN_COM, "08S01", "Unknown command");
    }

    public static SQLException unknownStatement(long id, String command) {
        return error(ER_UNKNOWN_STMT_HANDLER, "HY000",
                "Unknown prepared statement handler (" + id + ") given to " + command);
    }

    public static SQLException noSuchThread(long id) {
        return error(ER_NO_SUCH_THREAD, "HY000", "Unknown thread id: " + id);
    }

    /** An unexpected failure inside Strata (a bug): ER_UNKNOWN_ERROR, the session stays usable. */
    public static SQLException internal(RuntimeException e) {
        if (e instanceof io.strata.engine.mysql.rewrite.RewriteException r) { // a MySQL error the rewrite raises
            return error(r.code(), r.sqlState(), r.getMessage());
        }
        SQLException s = error(ER_UNKNOWN_ERROR, "HY000", "Strata internal error: " + e);
        s.initCause(e);
        return s;
    }

    /** Maps an H2 error (or passes a MySQL error through unchanged). */
    public static SQLException translate(SQLException e) {
        String sqlState = e.getSQLState();
        if (e.getErrorCode() > 0 && e.getErrorCode() < 10000 && sqlState != null && sqlState.length() == 5
                && !sqlState.equals(String.valueOf(e.getErrorCode()))) {
            // already a MySQL error (raised by Strata, or by a trigger's SIGNAL through H2, which appends the SQL)
            String m = e.getMessage();
            int cut = m == null ? -1 : m.indexOf("; SQL statement:");
            return cut < 0 ? e : error(e.getErrorCode(), sqlState, m.substring(0, cut));
        }
        String msg = h2Message(e);
        String first = firstQuoted(msg);
        SQLException mapped = switch (e.getErrorCode()) {
            case ErrorCode.DUPLICATE_KEY_1 -> error(ER_DUP_ENTRY, "23000", duplicateEntry(msg));
            case ErrorCode.NULL_NOT_ALLOWED -> error(1048, "23000", "Column '" + first + "' cannot be null");
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1 -> error(1451, "23000",
                    "Cannot delete or update a parent row: a foreign key constraint fails (" + msg + ")");
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1 -> error(1452, "23000",
                    "Cannot add or update a child row: a foreign key constraint fails (" + msg + ")");
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1 -> error(1050, "42S01", "Table '" + first + "' already exists");
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2,
                    ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1 ->
                    error(ER_NO_SUCH_TABLE, "42S02", "Table '" + first + "' doesn't exist");
            case ErrorCode.COLUMN_NOT_FOUND_1 -> error(ER_BAD_FIELD, "42S22", "Unknown column '" + first + "' in 'field list'");
            case ErrorCode.DUPLICATE_COLUMN_NAME_1 -> error(1060, "42S21", "Duplicate column name '" + first + "'");
            case ErrorCode.SYNTAX_ERROR_1, ErrorCode.SYNTAX_ERROR_2 -> syntax(syntaxNear(msg));
            case ErrorCode.DEADLOCK_1 -> error(ER_LOCK_DEADLOCK, "40001",
                    "Deadlock found when trying to get lock; try restarting transaction");
            case ErrorCode.LOCK_TIMEOUT_1, ErrorCode.CONCURRENT_UPDATE_1 -> error(ER_LOCK_WAIT_TIMEOUT, "HY000",
                    "Lock wait timeout exceeded; try restarting transaction");
            case ErrorCode.SCHEMA_NOT_FOUND_1 -> unknownDatabase(first);
            case ErrorCode.SCHEMA_ALREADY_EXISTS_1 -> error(1007, "HY000",
                    "Can't create database '" + first + "'; database exists");
            case ErrorCode.INDEX_ALREADY_EXISTS_1 -> error(1061, "42000", "Duplicate key name '" + first + "'");
            case ErrorCode.INDEX_NOT_FOUND_1, ErrorCode.CONSTRAINT_NOT_FOUND_1 -> error(1091, "42000",
                    "Can't DROP '" + first + "'; check that column/key exists");
            case ErrorCode.VALUE_TOO_LONG_2 -> error(1406, "22001", "Data too long for column (" + msg + ")");
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_2 ->
                    error(1264, "22003", "Out of range value (" + msg + ")");
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1 -> error(3819, "HY000", "Check constraint '" + first + "' is violated.");
            case ErrorCode.DIVISION_BY_ZERO_1 -> error(1365, "22012", "Division by 0");
            case ErrorCode.DATA_CONVERSION_ERROR_1 -> error(1366, "HY000", "Incorrect value: " + msg);
            case ErrorCode.STATEMENT_WAS_CANCELED -> error(ER_QUERY_INTERRUPTED, "70100", "Query execution was interrupted");
            case ErrorCode.FUNCTION_NOT_FOUND_1 -> error(1305, "42000", "FUNCTION " + first + " does not exist");
            case ErrorCode.FEATURE_NOT_SUPPORTED_1 -> error(ER_NOT_SUPPORTED_YET, "42000",
                    "This version of MySQL doesn't yet support '" + msg + "'");
            default -> error(ER_UNKNOWN_ERROR, "HY000", msg);
        };
        mapped.initCause(e);
        return mapped;
    }

    /** H2's message without the trailing "; SQL statement: ..." and the "[code-version]" suffix. */
    static String h2Message(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int cut = m.indexOf("; SQL statement:");
        if (cut >= 0) m = m.substring(0, cut);
        return m.replaceAll("\\s*\\[\\d+-\\d+]\\s*$", "").trim();
    }

    private static String firstQuoted(String msg) {
        Matcher m = QUOTED.matcher(msg);
        return m.find() ? m.group(1) : msg;
    }

    private static final Pattern PK_VALUE = Pattern.compile("/\\* key:\\d+ \\*/ ('(?:[^']|'')*'|[^,)]*)");
    private static final Pattern DUP_KEY = Pattern.compile("violation: \"(.*?) INDEX ");
    private static final Pattern ON_TABLE = Pattern.compile(" ON (?:[^.(\\s]+\\.)?([^.(\\s]+)\\(");

    /** "Duplicate entry 'v' for key 't.k'" (MySQL 8.0.19+ qualifies the key with the table). */
    private static String duplicateEntry(String msg) {
        Matcher t = ON_TABLE.matcher(msg);
        String table = t.find() ? t.group(1) + "." : "";
        String key;
        String value = "?";
        if (msg.contains(" PRIMARY KEY ON ")) {
            key = "PRIMARY";
            Matcher v = PK_VALUE.matcher(msg);
            if (v.find()) value = v.group(1);
        } else {
            Matcher k = DUP_KEY.matcher(msg);
            key = k.find() ? k.group(1).replace("\"", "") : firstQuoted(msg);
            if (key.contains(".")) key = key.substring(key.lastIndexOf('.') + 1);
            key = key.replaceAll("_INDEX_[A-Z0-9]+$", "");
            if (!table.isEmpty()) key = DdlRewriter.demangle(table.substring(0, table.length() - 1), key);
            Matcher v = DUP_VALUES.matcher(msg);
            if (v.find()) value = v.group(1).replaceAll(", /\\* \\d+ \\*/ ", "-");
        }
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        return "Duplicate entry '" + value + "' for key '" + table + key + "'";
    }

    private static String syntaxNear(String msg) {
        int star = msg.indexOf("[*]");
        if (star < 0) return msg;
        String rest = msg.substring(star + 3);
        int end = rest.indexOf('"');
        return end >= 0 ? rest.substring(0, end) : rest;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
