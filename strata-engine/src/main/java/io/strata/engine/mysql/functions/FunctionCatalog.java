package io.strata.engine.mysql.functions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java functions of this package as H2 aliases {@code PUBLIC.STRATA_*}, and which MySQL functions map to
 * them. {@link #install} creates any that a database lacks, once per session open (one catalog query when
 * they are all there), so databases created before a function was added get it at their next connection.
 * The aliases live in the database (on its volume), like any H2 schema object.
 */
public final class FunctionCatalog {
    /** One alias: its H2 name, the Java method, and whether it returns JSON text. */
    public record Alias(String h2Name, String method, boolean json) {}

    private static final String PKG = "io.strata.engine.mysql.functions.";

    /** MySQL function name (upper case) to its alias; operators have no MySQL name (key starts with '#'). */
    public static final Map<String, Alias> ALIASES = new LinkedHashMap<>();

    static {
        add("#DIVIDE", "Arithmetic.divide", false);
        add("#INTDIV", "Arithmetic.intDivide", false);
        add("#DECIMAL", "Arithmetic.decimal", false);
        add("#TO_NUMBER", "StringFunctions.toNumber", false);
        add("DATE_FORMAT", "DateFunctions.dateFormat", false);
        add("STR_TO_DATE", "DateFunctions.strToDate", false);
        add("FIND_IN_SET", "StringFunctions.findInSet", false);
        add("FIELD", "StringFunctions.field", false);
        add("INET_ATON", "StringFunctions.inetAton", false);
        add("INET_NTOA", "StringFunctions.inetNtoa", false);
        add("JSON_OBJECT", "JsonFunctions.object", true);
        add("JSON_ARRAY", "JsonFunctions.array", true);
        add("JSON_EXTRACT", "JsonFunctions.extract", false); // text, as MariaDB: comparable with numbers and strings
        add("JSON_SET", "JsonFunctions.set", true);
        add("JSON_INSERT", "JsonFunctions.insert", true);
        add("JSON_REPLACE", "JsonFunctions.replace", true);
        add("JSON_REMOVE", "JsonFunctions.remove", true);
        add("JSON_ARRAY_APPEND", "JsonFunctions.arrayAppend", true);
        add("JSON_KEYS", "JsonFunctions.keys", true);
        add("JSON_UNQUOTE", "JsonFunctions.unquote", false);
        add("JSON_QUOTE", "JsonFunctions.quote", false);
        add("JSON_TYPE", "JsonFunctions.type", false);
        add("JSON_VALID", "JsonFunctions.valid", false);
        add("JSON_LENGTH", "JsonFunctions.length", false);
        add("JSON_DEPTH", "JsonFunctions.depth", false);
        add("JSON_CONTAINS", "JsonFunctions.contains", false);
        add("JSON_CONTAINS_PATH", "JsonFunctions.containsPath", false);
        add("REVERSE", "MoreStringFunctions.reverse", false);
        add("MD5", "MoreStringFunctions.md5", false);
        add("SHA1", "MoreStringFunctions.sha1", false);
        add("SHA", "MoreStringFunctions.sha1", false);
        add("SHA2", "MoreStringFunctions.sha2", false);
        add("TO_BASE64", "MoreStringFunctions.toBase64", false);
        add("FROM_BASE64", "MoreStringFunctions.fromBase64", false);
        add("HEX", "MoreStringFunctions.hex", false);
        add("UNHEX", "MoreStringFunctions.unhex", false);
        add("CONV", "MoreStringFunctions.conv", false);
        add("FORMAT", "MoreStringFunctions.format", false);
        add("ELT", "MoreStringFunctions.elt", false);
        add("ORD", "MoreStringFunctions.ord", false);
        add("STRCMP", "MoreStringFunctions.strcmp", false);
        add("QUOTE", "MoreStringFunctions.quote", false);
        add("INSTR", "MoreStringFunctions.instr", false);
        add("LOCATE", "MoreStringFunctions.locate", false);
        add("#CHAR", "MoreStringFunctions.chars", false);
        add("ISNULL", "MoreStringFunctions.isNull", false);
        add("ASCII", "MoreStringFunctions.ascii", false);
        add("SQRT", "MoreStringFunctions.sqrt", false);
        add("DATE", "MoreDateFunctions.date", false);
        add("TIME", "MoreDateFunctions.time", false);
        add("MAKEDATE", "MoreDateFunctions.makeDate", false);
        add("MAKETIME", "MoreDateFunctions.makeTime", false);
        add("SEC_TO_TIME", "MoreDateFunctions.secToTime", false);
        add("TIME_TO_SEC", "MoreDateFunctions.timeToSec", false);
        add("TIMEDIFF", "MoreDateFunctions.timeDiff", false);
        add("ADDTIME", "MoreDateFunctions.addTime", false);
        add("SUBTIME", "MoreDateFunctions.subTime", false);
        add("TO_DAYS", "MoreDateFunctions.toDays", false);
        add("FROM_DAYS", "MoreDateFunctions.fromDays", false);
        add("DAYOFWEEK", "MoreDateFunctions.dayOfWeek", false);
        add("WEEKDAY", "MoreDateFunctions.weekday", false);
        add("DAYOFYEAR", "MoreDateFunctions.dayOfYear", false);
        add("WEEK", "MoreDateFunctions.week", false);
        add("#TIMESTAMPDIFF", "MoreDateFunctions.timestampDiff", false);
        add("FROM_UNIXTIME", "MoreDateFunctions.fromUnixTime", false);
        add("SLEEP", "MoreDateFunctions.sleep", false);
        // Those raising warnings are not deterministic (see NOT_DETERMINISTIC)
        add("#QUOTIENT", "Arithmetic.quotient", false);
        add("#INT_QUOTIENT", "Arithmetic.intQuotient", false);
        add("#NONZERO_DIVISOR", "Arithmetic.nonZeroDivisor", false);
        add("#ZERO_DIVISOR", "Arithmetic.zeroDivisor", false);
        add("#XOR", "Arithmetic.xor", false);
        add("#TO_DATE", "Conversions.toDate", false);
        add("#TO_DATETIME", "Conversions.toDatetime", false);
        add("#LENGTH", "Conversions.length", false);
        add("#TRUNCATED_DOUBLE", "Conversions.truncatedDouble", false);
        add("#EXTRACT", "MoreDateFunctions.extract", false);
    }

    /**
     * Aliases H2 must call every time instead of folding them over constants: SLEEP, and the functions that
     * raise warnings (a folded call would warn only when H2 prepares the statement, not when it reuses the plan).
     */
    private static final java.util.Set<String> NOT_DETERMINISTIC = java.util.Set.of("STRATA_SLEEP", "STRATA_QUOTIENT",
            "STRATA_INT_QUOTIENT", "STRATA_NONZERO_DIVISOR", "STRATA_ZERO_DIVISOR", "STRATA_TO_DATE",
            "STRATA_TO_DATETIME", "STRATA_TRUNCATED_DOUBLE", "STRATA_EXTRACT");

    private static void add(String mysqlName, String method, boolean json) {
        String base = mysqlName.startsWith("#") ? mysqlName.substring(1) : mysqlName;
        ALIASES.put(mysqlName, new Alias("STRATA_" + base, PKG + method, json));
    }

    private FunctionCatalog() {}

    /** The qualified H2 name to call for {@code key} (a MySQL function name or '#'-operator). */
    public static String call(String key) {
        return "PUBLIC." + ALIASES.get(key).h2Name();
    }

    /**
     * Creates the aliases this database lacks, and runs {@code extraDdl} (idempotent CREATE TABLE IF NOT EXISTS
     * statements of the other catalogs, one per table counted) when anything is missing. Safe to call
     * concurrently from several sessions.
     */
    public static void install(Connection c, List<String> extraDdl) throws SQLException {
        int present;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM"
                + " INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA = 'public' AND ROUTINE_NAME LIKE 'strata\\_%') + (SELECT"
                + " COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public' AND TABLE_NAME IN"
                + " ('strata_triggers', 'strata_routines', 'strata_not_null'))")) {
            rs.next();
            present = rs.getInt(1);
        }
        if (present >= ALIASES.size() + extraDdl.size()) return;
        synchronized (FunctionCatalog.class) {
            for (String ddl : extraDdl) {
                try (Statement st = c.createStatement()) {
                    st.execute(ddl);
                }
            }
            for (Alias a : ALIASES.values()) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE ALIAS IF NOT EXISTS PUBLIC." + a.h2Name().toLowerCase(Locale.ROOT)
                            + (NOT_DETERMINISTIC.contains(a.h2Name()) ? "" : " DETERMINISTIC") + " FOR \"" + a.method() + "\"");
                } catch (SQLException e) {
                    if (e.getErrorCode() != 90076) throw e; // FUNCTION_ALIAS_ALREADY_EXISTS: another session won
                }
            }
        }
    }
}
