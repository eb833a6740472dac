package io.strata.engine;

import java.util.Locale;

/**
 * What a SQL text means for transaction control, judged from its first words. The connection wrapper
 * needs this because clients of a MySQL server commit with SQL ({@code COMMIT}, {@code SET autocommit=1})
 * as often as through JDBC, and H2 commits implicitly on DDL; every such commit must go through the
 * commit gate to be serialized and made durable.
 */
enum SqlKind {
    /** {@code COMMIT [WORK]}. */
    COMMIT,
    /** {@code ROLLBACK [WORK]} (not {@code ROLLBACK TO SAVEPOINT}). */
    ROLLBACK,
    /** {@code BEGIN [WORK]} or {@code START TRANSACTION}. */
    BEGIN,
    /** {@code SET autocommit = 1}. */
    AUTOCOMMIT_ON,
    /** {@code SET autocommit = 0}. */
    AUTOCOMMIT_OFF,
    /** DDL and anything else that may commit inside H2 (several statements in one text, CHECKPOINT...). */
    IMPLICIT_COMMIT,
    /** {@code SHUTDOWN}: the engine's life belongs to {@link Database}, not to a client. */
    REFUSED,
    /** Everything else: queries and DML. */
    PLAIN;

    static SqlKind of(String sql) {
        String s = stripLeadingComments(sql).trim();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        if (s.indexOf(';') >= 0) {
            return IMPLICIT_COMMIT;
        }
        String norm = s.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String first = norm.split(" ", 2)[0];
        switch (first) {
            case "COMMIT":
                return norm.equals("COMMIT") || norm.equals("COMMIT WORK") ? COMMIT : IMPLICIT_COMMIT;
            case "ROLLBACK":
                return norm.equals("ROLLBACK") || norm.equals("ROLLBACK WORK") ? ROLLBACK : PLAIN;
            case "BEGIN":
                return BEGIN;
            case "START":
                return norm.startsWith("START TRANSACTION") ? BEGIN : PLAIN;
            case "SET":
                String compact = norm.replace(" ", "");
                if (compact.matches("SET(@@(SESSION\\.)?|SESSION)?AUTOCOMMIT=?(1|ON|TRUE)")) {
                    return AUTOCOMMIT_ON;
                }
                if (compact.matches("SET(@@(SESSION\\.)?|SESSION)?AUTOCOMMIT=?(0|OFF|FALSE)")) {
                    return AUTOCOMMIT_OFF;
                }
                return PLAIN;
            case "CREATE": case "ALTER": case "DROP": case "TRUNCATE": case "RENAME": case "GRANT":
            case "REVOKE": case "CHECKPOINT": case "ANALYZE": case "COMMENT": case "PREPARE":
            case "RUNSCRIPT": case "LOCK": case "UNLOCK":
                return IMPLICIT_COMMIT;
            case "SHUTDOWN":
                return REFUSED;
            default:
                return PLAIN;
        }
    }

    private static String stripLeadingComments(String sql) {
        String s = sql.stripLeading();
        while (true) {
            if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).stripLeading();
            } else if (s.startsWith("--") || s.startsWith("#")) {
                int end = s.indexOf('\n');
                s = end < 0 ? "" : s.substring(end + 1).stripLeading();
            } else {
                return s;
            }
        }
    }
}
