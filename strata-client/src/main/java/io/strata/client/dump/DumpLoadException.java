package io.strata.client.dump;

import java.sql.SQLException;

/**
 * A statement of the dump failed: the line it begins on, how it begins, and the server's MySQL error (code,
 * SQLSTATE, message). Every statement before it was executed and, each one committing as the dump runs them,
 * is kept; {@link #loadedSoFar()} says what that was.
 */
public final class DumpLoadException extends SQLException {
    private final long line;
    private final String statementStart;
    private final LoadResult loadedSoFar;

    DumpLoadException(long line, String statementStart, SQLException cause, LoadResult loadedSoFar) {
        super("line " + line + ": ERROR " + cause.getErrorCode() + " (" + cause.getSQLState() + "): "
                + cause.getMessage() + " [statement: " + statementStart + "]", cause.getSQLState(), cause.getErrorCode(), cause);
        this.line = line;
        this.statementStart = statementStart;
        this.loadedSoFar = loadedSoFar;
    }

    /** The 1-based line of the dump where the failing statement begins. */
    public long line() {
        return line;
    }

    /** The first characters of the failing statement. */
    public String statementStart() {
        return statementStart;
    }

    /** The server's own message, without the line and code. */
    public String serverMessage() {
        return getCause().getMessage();
    }

    public LoadResult loadedSoFar() {
        return loadedSoFar;
    }
}
