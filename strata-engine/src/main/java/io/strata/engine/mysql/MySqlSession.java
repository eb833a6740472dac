package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import io.strata.engine.mysql.functions.FunctionCatalog;
import io.strata.engine.mysql.functions.StatementContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * One MySQL session over one H2 JDBC connection: executes MySQL statements with MySQL semantics.
 *
 * <p>Statements are intercepted by their leading keywords ({@link #execute}); what H2 runs natively is
 * passed through after {@link Rewriter rewriting}. All errors are MySQL errors ({@link MySqlErrors}).
 *
 * <p>Concurrency: used by one thread at a time, except {@link #cancel()}, which any thread may call.
 */
public final class MySqlSession implements AutoCloseable {
    private final Connection conn;
    private final SessionRegistry registry;
    private final SessionRegistry.Entry entry;
    private final long id;
    private final String user;
    private final String host;
    final SystemVariables vars;
    private String database;
    private boolean autocommit = true;
    private boolean inTransaction;
    /**
     * A JDBC isolation level set while a transaction was open, for the next one, or null
     * ({@link #setIsolation}).
     */
    private Integer pendingIsolation;
    private long lastInsertId;
    private long lastRowCount = -1;
    private long lastFoundRows;
    private final List<String[]> warnings = new ArrayList<>();
    /** What the MySQL functions of a running statement reach: {@link #warnings}, KILL QUERY. */
    private final StatementContext context = new StatementContext(warnings);
    /** The warning count as the statement running now found it: what {@code @@warning_count} reads. */
    private int warningsBefore;
    /** Likewise for {@code @@error_count}. */
    private int errorsBefore;
    /** TLS protocol and cipher suite of the client connection, or null without TLS. */
    private volatile String tlsVersion;
    private volatile String tlsCipher;
    /**
     * Guards {@link #running} and {@link #cancelSent} so that KILL QUERY cannot fall between a statement's
     * check for an earlier kill and its start in H2 ({@link #registerRunning}, {@link #cancel}).
     */
    private final Object killLock = new Object();
    /** The H2 statement running now, or null. Guarded by {@link #killLock}. */
    private Statement running;
    /** Whether KILL QUERY cancelled the running H2 statement. Guarded by {@link #killLock}. */
    private boolean cancelSent;
    /** H2's session under {@link #conn}: its cancel holds until a command sees it ({@link #cancel}). */
    private final SessionLocal h2Session;
    private final ForeignKeyChecks foreignKeys = new ForeignKeyChecks(this);
    /** Shapes of statements that went to H2 unchanged: the next of the same shape skips the rewriting. */
    private final StatementShapes shapes = new StatementShapes();

    public MySqlSession(Connection conn, SessionRegistry registry, long id, String user, String host, Runnable closer)
            throws SQLException {
        this.conn = conn;
        this.h2Session = (SessionLocal) conn.unwrap(JdbcConnection.class).getSession();
        this.registry = registry;
        this.id = id;
        this.user = user;
        this.host = host;
        this.vars = new SystemVariables(registry.globals());
        this.entry = registry.register(id, user, host, closer);
        this.entry.session = this;
        try {
            conn.setAutoCommit(true);
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            FunctionCatalog.install(conn, io.strata.engine.mysql.triggers.TriggerCatalog.DDL);
            applySessionVariables();
        } catch (SQLException e) {
            registry.unregister(id);
            throw MySqlErrors.translate(e);
        }
    }

    /**
     * Makes the variables that take effect do so, from {@link #vars} as a new or reset session has them (the
     * endpoint's GLOBAL values, else MySQL's defaults): isolation level, autocommit, the lock wait timeout
     * ({@code innodb_lock_wait_timeout}, 50 s by default, as the engine's lock waits adopt it) and
     * {@code foreign_key_checks}.
     */
    private void applySessionVariables() throws SQLException {
        Object isolation = vars.get("transaction_isolation");
        if (!"REPEATABLE-READ".equals(isolation)) SetCommand.setIsolation(this, String.valueOf(isolation));
        SetCommand.applyLockTimeout(this);
        if (!SetCommand.truthy(vars.get("autocommit"))) setAutocommit(false);
        if (!SetCommand.truthy(vars.get("foreign_key_checks"))) foreignKeys.changed();
    }

    /** Records the TLS protocol and cipher suite of the client connection (SHOW STATUS LIKE 'Ssl_%'). */
    public void tls(String version, String cipher) {
        this.tlsVersion = version;
        this.tlsCipher = cipher;
    }

    /** TLS protocol of the client connection ({@code TLSv1.3}), or null. */
    public String tlsVersion() {
        return tlsVersion;
    }

    /** TLS cipher suite of the client connection, or null. */
    public String tlsCipher() {
        return tlsCipher;
    }

    public long connectionId() { return id; }
    public String user() { return user; }
    public String host() { return host; }
    /** The current database, or null if none is selected. */
    public String database() { return database; }
    public boolean autocommit() { return autocommit; }
    public boolean inTransaction() { return inTransaction; }
    public long lastInsertId() { return lastInsertId; }
    long lastRowCount() { return lastRowCount; }
    long lastFoundRows() { return lastFoundRows; }
    public int warningCount() { return warnings.size(); }
    Connection connection() { return conn; }
    SessionRegistry registry() { return registry; }
    List<String[]> warnings() { return warnings; }

    ForeignKeyChecks foreignKeys() {
        return foreignKeys;
    }

    boolean autocommitting() {
        return autocommit && !inTransaction;
    }

    /** Value of a system variable as seen by this session. */
    public Object variable(String name, boolean global) {
        String n = SystemVariables.canonical(name);
        if (!global) {
            switch (n) {
                case "autocommit": return autocommit ? 1L : 0L;
                case "last_insert_id": case "identity": return lastInsertId;
                case "warning_count": return (long) warningsBefore;
                case "error_count": return (long) errorsBefore;
                case "pseudo_thread_id": return id;
                default: break;
            }
        }
        return global ? vars.getGlobal(n) : vars.get(n);
    }

    /** Splits multi-statement text (CLIENT_MULTI_STATEMENTS) into single statements. */
    public static List<String> split(String sql) {
        return SqlScanner.split(sql);
    }

    /** Executes one statement. */
    public Result execute(String sql) throws SQLException {
        context.enter(); // before the statement shows in the process list, where KILL QUERY finds it
        entry.command = "Query";
        entry.info = sql;
        entry.commandStart = java.time.Instant.now();
        registry.countQuestion();
        try {
            return dispatch(sql);
        } catch (SQLException e) {
            throw noteError(MySqlErrors.translate(e));
        } catch (RuntimeException e) { // a bug or an unexpected input: report it, keep the session usable
            throw noteError(MySqlErrors.internal(e));
        } finally {
            context.exit();
            entry.command = "Sleep";
            entry.info = null;
        }
    }

    /**
     * Adds a statement's error to the diagnostics area (SHOW WARNINGS and SHOW ERRORS list it); an unknown
     * table is named with its database, as MySQL names it ({@code Table 'shop.nope' doesn't exist}).
     */
    SQLException noteError(SQLException e) {
        if (e.getErrorCode() == MySqlErrors.ER_NO_SUCH_TABLE && database != null && e.getMessage() != null
                && e.getMessage().startsWith("Table '") && e.getMessage().indexOf('.') < 0) {
            e = MySqlErrors.error(MySqlErrors.ER_NO_SUCH_TABLE, e.getSQLState(),
                    "Table '" + database + "." + e.getMessage().substring(7));
        }
        context.add("Error", e.getErrorCode(), e.getMessage());
        return e;
    }

    /** Starts a statement run outside {@link #execute} (a server-side prepared execution of {@code sql}). */
    void enterStatement(String sql) {
        noteCountsBefore();
        warnings.clear();
        context.enter();
        entry.command = "Execute";
        entry.info = sql;
        entry.commandStart = java.time.Instant.now();
        registry.countQuestion();
    }

    /** Ends what {@link #enterStatement} started. */
    void exitStatement() {
        context.exit();
        entry.command = "Sleep";
        entry.info = null;
    }

    private Result dispatch(String sql) throws SQLException {
        StatementShapes.Shape shaped = StatementShapes.shape(sql);
        String shape = shaped == null ? null : shaped.key();
        if (shape != null && shapes.passesThrough(shape)) {
            noteCountsBefore();
            warnings.clear();
            String word = StatementShapes.firstWord(sql);
            if (shaped.preparable()) return runPrepared(shaped, word.equals("INSERT") || word.equals("REPLACE"));
            return runOnH2(sql, new Token(Kind.WORD, word, 0, word.length()));
        }
        String text = SqlScanner.expandComments(sql).strip();
        while (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
        List<Token> t = SqlScanner.tokenize(text);
        if (t.isEmpty()) return Result.Update.OK;
        noteCountsBefore();
        if (!diagnostic(t)) warnings.clear(); // MySQL 5.7+ (WL#5928): every other statement starts a new list
        if (shape == null && !KEEP_SHAPES.contains(first(t).upper())) shapes.clear(); // SET, USE, DDL...: in case
        Result intercepted = Commands.intercept(this, text, t);
        if (intercepted != null) return intercepted;
        if (first(t).is("SELECT")) {
            Result into = SelectInto.execute(this, text, t);
            if (into != null) return into;
        }
        String having = Rewriter.havingWithoutGroupBy(text, t);
        if (having != null) {
            text = having;
            t = SqlScanner.tokenize(text);
        }
        String h2Sql = Rewriter.rewrite(this, text, t);
        if (shape != null && having == null && h2Sql.equals(sql)) shapes.rememberPassThrough(shape);
        return runOnH2(h2Sql, t.get(0));
    }

    /** Statement shapes known to pass through unchanged (tests). */
    StatementShapes shapes() {
        return shapes;
    }

    /** Statements after which the {@link #shapes} are kept; any other statement clears them. */
    private static final java.util.Set<String> KEEP_SHAPES = java.util.Set.of("SELECT", "INSERT", "UPDATE", "DELETE",
            "REPLACE", "COMMIT", "ROLLBACK", "BEGIN", "START", "SHOW");

    private void noteCountsBefore() {
        warningsBefore = warnings.size();
        int errors = 0;
        for (String[] w : warnings) if (w[0].equals("Error")) errors++;
        errorsBefore = errors;
    }

    /** SHOW WARNINGS, SHOW ERRORS, SHOW COUNT(*) WARNINGS|ERRORS: statements that read the warning list. */
    private static boolean diagnostic(List<Token> t) {
        if (!t.get(0).is("SHOW") || t.size() < 2) return false;
        Token w = t.get(1).is("COUNT") && t.size() > 5 ? t.get(5) : t.get(1);
        return w.is("WARNINGS") || w.is("ERRORS");
    }

    private static Token first(List<Token> t) {
        return t.get(0);
    }

    Result runOnH2(String h2Sql, Token first) throws SQLException {
        boolean insert = first.is("INSERT") || first.is("REPLACE");
        try (Statement st = conn.createStatement()) {
            registerRunning(st);
            boolean hasRs;
            try {
                hasRs = insert ? st.execute(h2Sql, Statement.RETURN_GENERATED_KEYS) : st.execute(h2Sql);
            } catch (SQLException e) {
                SQLException m = MySqlErrors.translate(e);
                if (first.is("DROP") && m.getErrorCode() == MySqlErrors.ER_NO_SUCH_TABLE) { // MySQL: 1051 for DROP
                    throw MySqlErrors.error(1051, "42S02", m.getMessage().replace("Table '", "Unknown table '")
                            .replace("' doesn't exist", "'"));
                }
                throw m;
            }
            Result r = collect(st, hasRs, insert);
            if (first.is("TRUNCATE")) r = new Result.Update(0, 0, warnings.size(), ""); // MySQL reports 0 rows
            if (first.is("CREATE") || first.is("ALTER") || first.is("DROP") || first.is("TRUNCATE") || first.is("RENAME")) {
                transactionEnded(); // DDL commits implicitly, in MySQL and in H2
            }
            return r;
        } finally {
            endRunning();
        }
    }

    /**
     * Runs a statement of a shape that passes through unchanged as the H2 prepared statement kept for the shape,
     * its abstracted literals bound as parameters ({@link StatementShapes#shape}).
     */
    private Result runPrepared(StatementShapes.Shape shape, boolean insert) throws SQLException {
        java.sql.PreparedStatement ps = shapes.prepared(shape.key());
        if (ps == null) {
            String h2Sql = shape.h2Sql();
            ps = insert ? conn.prepareStatement(h2Sql, Statement.RETURN_GENERATED_KEYS) : conn.prepareStatement(h2Sql);
            shapes.keepPrepared(shape.key(), ps);
        }
        Object[] values = shape.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Integer v) ps.setInt(i + 1, v);
            else ps.setString(i + 1, (String) values[i]);
        }
        ps.clearWarnings();
        registerRunning(ps);
        try {
            boolean hasRs;
            try {
                hasRs = ps.execute();
            } catch (SQLException e) {
                throw MySqlErrors.translate(e);
            }
            return collect(ps, hasRs, insert);
        } finally {
            endRunning();
        }
    }

    /** Turns an executed statement's outcome into a {@link Result} and updates the session state. */
    Result collect(Statement st, boolean hasRs, boolean insert) throws SQLException {
        noteWarnings(st.getWarnings());
        if (!autocommit) inTransaction = true;
        if (hasRs) {
            try (ResultSet rs = st.getResultSet()) {
                Result.Rows rows = Results.materialize(rs);
                lastRowCount = -1;
                lastFoundRows = rows.rows().size();
                return rows;
            }
        }
        long count = Math.max(0, st.getLargeUpdateCount());
        lastRowCount = count;
        long insertId = 0;
        if (insert && count > 0) {
            try (ResultSet keys = st.getGeneratedKeys()) {
                if (keys != null && keys.next()) {
                    Object k = keys.getObject(1);
                    if (k instanceof Number n) insertId = n.longValue();
                }
            } catch (SQLException ignored) {
                // no generated keys
            }
            if (insertId != 0) lastInsertId = insertId;
        }
        return new Result.Update(count, insertId, warnings.size(), "");
    }

    private void noteWarnings(SQLWarning w) {
        while (w != null) {
            warnings.add(new String[] {"Warning", String.valueOf(w.getErrorCode()), w.getMessage()});
            w = w.getNextWarning();
        }
    }

    /** Prepares a statement for the binary protocol (COM_STMT_PREPARE). */
    public PreparedQuery prepare(String sql) throws SQLException {
        try {
            return PreparedQuery.prepare(this, sql);
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        } catch (RuntimeException e) {
            throw MySqlErrors.internal(e);
        }
    }

    /** COM_INIT_DB / USE. */
    public void useDatabase(String name) throws SQLException {
        String db = Commands.normalizeDb(name);
        if (!Commands.databaseExists(this, db)) throw MySqlErrors.unknownDatabase(name);
        try (Statement st = conn.createStatement()) {
            st.execute("SET SCHEMA " + SqlScanner.quoteIdentifier(db));
        }
        database = db;
        vars.set("character_set_database", "utf8mb4");
        shapes.clear();
    }

    void clearDatabase() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SET SCHEMA PUBLIC");
        }
        database = null;
    }

    void begin() throws SQLException {
        if (inTransaction && !conn.getAutoCommit()) conn.commit();
        transactionEnded();
        conn.setAutoCommit(false);
        inTransaction = true;
    }

    /**
     * SET [SESSION] TRANSACTION ISOLATION LEVEL: in MySQL it applies from the next transaction on. H2 changes the
     * level of a session by committing its open transaction, which would commit the client's work without its
     * COMMIT (and outside the commit gate): while a transaction is open the change waits for its end.
     */
    void setIsolation(int jdbcLevel) throws SQLException {
        if (inTransaction) {
            pendingIsolation = jdbcLevel;
        } else {
            pendingIsolation = null;
            conn.setTransactionIsolation(jdbcLevel);
        }
    }

    /** The transaction ended (committed or rolled back): an isolation level set during it now applies. */
    private void transactionEnded() throws SQLException {
        inTransaction = false;
        Integer level = pendingIsolation;
        if (level != null) {
            pendingIsolation = null;
            conn.setTransactionIsolation(level);
        }
    }

    void endTransaction(boolean commit) throws SQLException {
        if (!conn.getAutoCommit()) {
            if (commit) conn.commit(); else conn.rollback();
        }
        if (autocommit) conn.setAutoCommit(true);
        transactionEnded();
    }

    void setAutocommit(boolean on) throws SQLException {
        autocommit = on;
        if (on) {
            if (!conn.getAutoCommit()) conn.setAutoCommit(true);
            transactionEnded();
        } else if (!inTransaction) {
            conn.setAutoCommit(false);
        }
    }

    /**
     * Makes {@code st} the H2 statement KILL QUERY cancels, about to run. A KILL QUERY that came after the
     * statement showed in the process list but before this (while it was parsed and rewritten) found nothing
     * to cancel: the statement ends here with 1317 instead of starting.
     */
    void registerRunning(Statement st) throws SQLException {
        synchronized (killLock) {
            if (context.killed()) {
                throw MySqlErrors.error(MySqlErrors.ER_QUERY_INTERRUPTED, "70100", "Query execution was interrupted");
            }
            running = st;
        }
    }

    /**
     * Ends what {@link #registerRunning} started. A cancel H2 did not see (the statement ended first, as a
     * KILL QUERY that comes too late does in MySQL) is withdrawn, or it would stop this session's next command.
     */
    void endRunning() {
        boolean withdraw;
        synchronized (killLock) {
            running = null;
            withdraw = cancelSent;
            cancelSent = false;
        }
        if (withdraw && !h2Session.isClosed()) {
            h2Session.setQueryTimeout(h2Session.getQueryTimeout()); // H2's one way to clear a pending cancel
        }
    }

    /** True while the running statement waits in SLEEP(). Thread-safe. */
    boolean sleeping() {
        return context.sleeping();
    }

    /**
     * Cancels the running statement, if any (KILL QUERY). Thread-safe. H2's session cancel is used, not only
     * the statement's: H2's statement cancel is lost if its command has not started yet, the session's holds
     * until the command's first check. The statement's cancel also wakes a wait for a row lock.
     */
    public void cancel() {
        if (context.kill()) return; // a SLEEP was interrupted: it returns 1 and its statement ends normally
        synchronized (killLock) {
            Statement st = running;
            if (st == null) return; // not started: registerRunning sees the kill
            cancelSent = true;
            h2Session.cancel();
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // statement already finished
            }
        }
    }

    /**
     * COM_RESET_CONNECTION (MySQL's mysql_reset_connection()): rolls back, drops the session's temporary
     * tables, releases its named locks, clears user variables, resets system variables to the endpoint's
     * GLOBAL values and the transaction state; keeps the database.
     */
    public void reset() throws SQLException {
        try {
            if (!conn.getAutoCommit()) conn.rollback();
            autocommit = true;
            conn.setAutoCommit(true);
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            inTransaction = false;
            pendingIsolation = null;
            clearUserVariables();
            dropTemporaryTables();
            registry.locks().releaseAll(id);
            vars.reset();
            applySessionVariables();
            shapes.clear();
            foreignKeys.changed();
            warnings.clear();
            warningsBefore = 0;
            lastInsertId = 0;
            lastRowCount = -1;
            lastFoundRows = 0;
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        }
    }

    /** Unsets every user variable ({@code @x}): H2 lists them in its SESSION_STATE; NULL removes one. */
    private void clearUserVariables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT STATE_KEY FROM INFORMATION_SCHEMA.SESSION_STATE WHERE STATE_KEY LIKE '@%'")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        try (Statement st = conn.createStatement()) {
            for (String n : names) st.execute("SET " + n + " = NULL");
        }
    }

    /** Drops the session's temporary tables (H2 local temporary tables). */
    private void dropTemporaryTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'LOCAL TEMPORARY'")) {
            while (rs.next()) {
                tables.add(SqlScanner.quoteIdentifier(rs.getString(1)) + "." + SqlScanner.quoteIdentifier(rs.getString(2)));
            }
        }
        try (Statement st = conn.createStatement()) {
            for (String t : tables) st.execute("DROP TABLE " + t);
        }
    }

    /** The COM_STATISTICS text of this session's endpoint: uptime, threads, questions, open tables. */
    public String statistics() throws SQLException {
        long tables = 0;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) NOT IN ('information_schema', 'public')")) {
            if (rs.next()) tables = rs.getLong(1);
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        }
        return registry.statistics(tables);
    }

    /** Column definitions of a table (COM_FIELD_LIST). */
    public List<ColumnInfo> fieldList(String table) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + SqlScanner.quoteIdentifier(table.toLowerCase())
                     + " WHERE 1=0")) {
            return ColumnInfo.of(rs.getMetaData(), conn);
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        }
    }

    @Override
    public void close() {
        registry.unregister(id);
        shapes.clear();
        try {
            foreignKeys.close();
        } catch (SQLException ignored) {
            // best effort: the client left foreign_key_checks=0
        }
        try {
            if (!conn.isClosed() && !conn.getAutoCommit()) conn.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            conn.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
