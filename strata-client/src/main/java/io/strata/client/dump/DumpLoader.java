package io.strata.client.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a dump's statements ({@link DumpReader}) on a JDBC connection one by one, as the {@code mysql} client
 * does, and stops at the first statement the server rejects, reporting its line and MySQL error
 * ({@link DumpLoadException}). The connection's autocommit is left as it is (on, for a dump: each statement
 * commits, so whatever ran before a failure is kept).
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection(url); DumpReader dump = DumpReader.open(Path.of("shop.sql.gz"))) {
 *     LoadResult r = DumpLoader.on(c).load(dump);
 * }
 * }</pre>
 *
 * <p>Statements the server reports as not supported (MySQL error 1235, e.g. a trigger or stored procedure
 * Strata does not run) are skipped and listed in the result by default ({@link OnError#SKIP_UNSUPPORTED}).
 *
 * <p>Not thread-safe: a loader and its connection belong to one thread.
 */
public final class DumpLoader {
    /** What a failing statement does to the load. */
    public enum OnError {
        /** Stop at any failing statement. */
        STOP,
        /** Skip statements the server does not support (error 1235); stop at any other failure. The default. */
        SKIP_UNSUPPORTED,
        /** Skip every failing statement, as {@code mysql --force} does; they are listed in the result. */
        CONTINUE
    }

    /** MySQL's ER_NOT_SUPPORTED_YET. */
    static final int NOT_SUPPORTED = 1235;
    private static final Pattern INSERT = Pattern.compile("(?is)(?:INSERT|REPLACE)\\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\\s+)*(?:INTO\\s+)?((?:`[^`]+`|\"[^\"]+\"|[^\\s(`\".]+)(?:\\.(?:`[^`]+`|\"[^\"]+\"|[^\\s(`\".]+))?)");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s.*");

    private final Connection connection;
    private OnError onError = OnError.SKIP_UNSUPPORTED;
    private Consumer<LoadStats> progress = s -> { };

    private DumpLoader(Connection connection) {
        this.connection = connection;
    }

    public static DumpLoader on(Connection connection) {
        return new DumpLoader(connection);
    }

    public DumpLoader onError(OnError policy) {
        this.onError = policy;
        return this;
    }

    /** Called after every statement with the load's progress (on the loading thread: keep it cheap). */
    public DumpLoader progress(Consumer<LoadStats> listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Runs every statement of {@code dump}.
     *
     * @throws DumpLoadException at the first statement that fails (unless the policy skips it)
     * @throws SQLException      if the connection itself fails
     */
    public LoadResult load(DumpReader dump) throws SQLException {
        long t0 = System.nanoTime();
        long statements = 0;
        long rows = 0;
        int tables = 0;
        Map<String, Long> perTable = new LinkedHashMap<>();
        List<LoadResult.Skipped> skipped = new ArrayList<>();
        List<LoadResult.Warned> warnings = new ArrayList<>();
        long warningCount = 0;
        try (Statement st = connection.createStatement()) {
            // A dump's text goes to the server as written: no JDBC escape processing of {fn ...} and the like.
            st.setEscapeProcessing(false);
            for (DumpStatement s = dump.next(); s != null; s = dump.next()) {
                try {
                    boolean resultSet = st.execute(s.sql());
                    long count = resultSet ? 0 : Math.max(0, st.getUpdateCount());
                    warningCount += warnings(st, s, warnings);
                    drain(st);
                    statements++;
                    String table = insertTarget(s.sql());
                    if (table != null) {
                        rows += count;
                        perTable.merge(table, count, Long::sum);
                    } else if (CREATE_TABLE.matcher(s.sql()).matches()) {
                        tables++;
                    }
                } catch (SQLException e) {
                    if (connection.isClosed() || !skips(e)) {
                        LoadStats at = stats(dump, statements, rows, tables, skipped.size(), t0);
                        throw new DumpLoadException(s.line(), start(s.sql()), e,
                                new LoadResult(at, perTable, skipped, warnings, warningCount));
                    }
                    skipped.add(new LoadResult.Skipped(s.line(), start(s.sql()), e.getErrorCode(), e.getSQLState(), e.getMessage()));
                }
                progress.accept(stats(dump, statements, rows, tables, skipped.size(), t0));
            }
        }
        return new LoadResult(stats(dump, statements, rows, tables, skipped.size(), t0), perTable, skipped, warnings,
                warningCount);
    }

    /** Keeps the statement's warnings (up to MAX_WARNINGS in all) and returns how many it raised. */
    private static int warnings(Statement st, DumpStatement s, List<LoadResult.Warned> into) throws SQLException {
        int n = 0;
        for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
            n++;
            if (into.size() < LoadResult.MAX_WARNINGS) {
                into.add(new LoadResult.Warned(s.line(), start(s.sql()), w.getErrorCode(), w.getMessage()));
            }
        }
        if (n > 0) {
            st.clearWarnings();
        }
        return n;
    }

    private boolean skips(SQLException e) {
        return switch (onError) {
            case STOP -> false;
            case SKIP_UNSUPPORTED -> e.getErrorCode() == NOT_SUPPORTED;
            case CONTINUE -> true;
        };
    }

    /** Reads past any further results (a script statement may return several), so the next one can run. */
    private static void drain(Statement st) throws SQLException {
        while (st.getMoreResults() || st.getUpdateCount() != -1) {
            // nothing to keep
        }
    }

    private static LoadStats stats(DumpReader dump, long statements, long rows, int tables, int skipped, long t0) {
        return new LoadStats(dump.bytesRead(), dump.totalBytes(), statements, rows, tables, skipped, System.nanoTime() - t0);
    }

    /** The table an INSERT or REPLACE writes to, without quotes; null for other statements. */
    static String insertTarget(String sql) {
        Matcher m = INSERT.matcher(sql);
        if (!m.lookingAt()) {
            return null;
        }
        return m.group(1).replace("`", "").replace("\"", "");
    }

    /** The statement's first 80 characters, on one line: enough to recognise it in an error message. */
    static String start(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }
}
