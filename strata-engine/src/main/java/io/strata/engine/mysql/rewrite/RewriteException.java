package io.strata.engine.mysql.rewrite;

/**
 * A statement the rewrite layer cannot turn into H2 SQL, with the MySQL error it answers with; the session maps
 * it to that error on the wire (not to an internal error) and stays usable.
 */
public final class RewriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String sqlState;

    public RewriteException(int code, String sqlState, String message) {
        super(message, null, false, false);
        this.code = code;
        this.sqlState = sqlState;
    }

    /** MySQL's ER_NOT_SUPPORTED_YET (1235) naming the unsupported form. */
    static RewriteException notSupported(String feature) {
        return new RewriteException(1235, "42000", "This version of Strata doesn't yet support '" + feature + "'");
    }

    /** The MySQL error code. */
    public int code() {
        return code;
    }

    /** The SQLSTATE. */
    public String sqlState() {
        return sqlState;
    }
}
