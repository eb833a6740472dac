package io.strata.client.dump;

import java.util.List;
import java.util.Map;

/**
 * What a load did: its final {@link LoadStats}, rows inserted per table (as the INSERTs name them, in the
 * order first seen), and every statement skipped with the reason.
 */
public record LoadResult(LoadStats stats, Map<String, Long> rowsPerTable, List<Skipped> skipped) {

    /** A statement that was not applied: where it is, how it begins, and the server's error. */
    public record Skipped(long line, String statementStart, int errorCode, String sqlState, String message) {
    }
}
