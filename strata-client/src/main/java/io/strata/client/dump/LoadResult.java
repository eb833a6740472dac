package io.strata.client.dump;

import java.util.List;
import java.util.Map;

/**
 * What a load did: its final {@link LoadStats}, rows inserted per table (as the INSERTs name them, in the
 * order first seen), every statement skipped with the reason, and the warnings statements raised (the first
 * {@link #MAX_WARNINGS}; {@code warningCount} counts them all), e.g. a stored procedure kept but not run.
 */
public record LoadResult(LoadStats stats, Map<String, Long> rowsPerTable, List<Skipped> skipped,
                         List<Warned> warnings, long warningCount) {
    /** How many warnings a result keeps (a dump can raise one per row). */
    public static final int MAX_WARNINGS = 100;

    public LoadResult(LoadStats stats, Map<String, Long> rowsPerTable, List<Skipped> skipped) {
        this(stats, rowsPerTable, skipped, List.of(), 0);
    }

    /** A warning a statement raised (SHOW WARNINGS after it): where the statement is, and the warning. */
    public record Warned(long line, String statementStart, int code, String message) {
    }

    /** A statement that was not applied: where it is, how it begins, and the server's error. */
    public record Skipped(long line, String statementStart, int errorCode, String sqlState, String message) {
    }
}
