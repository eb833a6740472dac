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
    /** DDL and anything else that may commit inside H2 (CHECKPOINT, LOCK TABLES...). */
    IMPLICIT_COMMIT,
    /** Several statements in one text: may commit inside H2, and cannot be run again as a whole. */
    MULTIPLE,
    /** {@code SHUTDOWN}: the engine's life belongs to {@link Database}, not to a client. */
    REFUSED,
    /**
     * A query that changes nothing in H2's maps: a {@code SELECT}, {@code SHOW}, {@code VALUES},
     * {@code TABLE}, {@code EXPLAIN} or {@code WITH} naming none of the words through which a query can write (locking
     * reads, sequences, data-change delta tables, file and session functions). Judged conservatively from the text: a
     * query that merely mentions such a word (say a column {@code last_update}) is {@link #PLAIN}.
     */
    READ,
    /** Everything else: DML, locking reads, and queries not known to be {@link #READ}. */
    PLAIN;

    /** Words through which a query can change H2's maps; a query containing any of them is not READ. */
    private static final String[] WRITING_WORDS = {"UPDATE", "SHARE", "INSERT", "DELETE", "MERGE", "REPLACE",
        "NEXT", "NEXTVAL", "SETVAL", "INTO", "LINK_SCHEMA", "CSVWRITE", "FILE_WRITE", "ABORT_SESSION", "CANCEL_SESSION",
        "LOCK", "CREATE"};

    static SqlKind of(String sql) {
        String s = stripLeadingComments(sql).trim();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        if (s.indexOf(';') >= 0) {
            return MULTIPLE;
        }
        int wordEnd = 0;
        while (wordEnd < s.length() && !isRegexSpace(s.charAt(wordEnd))) {
            wordEnd++;
        }
        String first = s.substring(0, wordEnd).toUpperCase(Locale.ROOT);
        switch (first) {
            case "SELECT": case "SHOW": case "VALUES": case "TABLE": case "EXPLAIN": case "WITH":
                // the hot path: no whitespace normalisation (no writing word contains a space)
                return writes(s.toUpperCase(Locale.ROOT)) ? PLAIN : READ;
            case "COMMIT": case "ROLLBACK": case "START": case "SET":
                return ofNormalised(s.toUpperCase(Locale.ROOT).replaceAll("\\s+", " "), first);
            default:
                return ofFirstWord(first);
        }
    }

    /** {@code \\s} of {@link java.util.regex.Pattern}: space, tab, newline, vertical tab, form feed, return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static SqlKind ofNormalised(String norm, String first) {
        switch (first) {
            case "COMMIT":
                return norm.equals("COMMIT") || norm.equals("COMMIT WORK") ? COMMIT : IMPLICIT_COMMIT;
            case "ROLLBACK":
                return norm.equals("ROLLBACK") || norm.equals("ROLLBACK WORK") ? ROLLBACK : PLAIN;
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
            default:
                return PLAIN;
        }
    }

    private static SqlKind ofFirstWord(String first) {
        switch (first) {
            case "BEGIN":
                return BEGIN;
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

    private static boolean writes(String upperCaseSql) {
        for (String word : WRITING_WORDS) {
            if (upperCaseSql.contains(word)) {
                return true;
            }
        }
        return false;
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
