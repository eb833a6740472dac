package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A server-side prepared statement. Plain DML/queries are prepared by H2; statements the MySQL layer
 * intercepts (SET, SHOW, ...), that read session state ({@code @@x}, {@code DATABASE()}) or whose rewrite
 * repeats their placeholders ({@code SUBSTRING_INDEX}, {@code WITH ROLLUP}) are kept as text
 * and executed through {@link MySqlSession#execute} with the parameters substituted as literals.
 *
 * <p>Parameter values: {@code null}, {@link Number}, {@link Boolean}, {@link String}, {@code byte[]},
 * {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime}, {@link java.time.Duration}.
 */
public final class PreparedQuery implements AutoCloseable {
    private static final Set<String> H2_STATEMENTS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH",
            "VALUES", "TABLE");
    private static final Set<String> SESSION_FUNCTIONS = Set.of("DATABASE", "SCHEMA", "LAST_INSERT_ID",
            "CONNECTION_ID", "USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "VERSION", "FOUND_ROWS", "ROW_COUNT",
            "GET_LOCK", "RELEASE_LOCK", "IS_FREE_LOCK", "IS_USED_LOCK", "RELEASE_ALL_LOCKS");

    private final MySqlSession session;
    private final String text;
    private final List<Token> tokens;
    private final PreparedStatement h2;
    private final boolean insert;
    private final int parameterCount;
    private final List<ColumnInfo> columns;
    private int[] parameterTypes;

    private PreparedQuery(MySqlSession session, String text, List<Token> tokens, PreparedStatement h2, boolean insert,
                          int parameterCount, List<ColumnInfo> columns) {
        this.session = session;
        this.text = text;
        this.tokens = tokens;
        this.h2 = h2;
        this.insert = insert;
        this.parameterCount = parameterCount;
        this.columns = columns;
    }

    static PreparedQuery prepare(MySqlSession s, String sql) throws SQLException {
        String text = SqlScanner.expandComments(sql).strip();
        while (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
        List<Token> tokens = SqlScanner.tokenize(text);
        int placeholders = (int) tokens.stream().filter(t -> t.kind() == Kind.PLACEHOLDER).count();
        if (tokens.isEmpty() || !H2_STATEMENTS.contains(tokens.get(0).upper()) || readsSessionState(tokens)
                || StringFunctions.repeatsArguments(tokens)
                || io.strata.engine.mysql.rewrite.Rollup.applies(tokens)) { // placeholders repeated per grouping level
            return new PreparedQuery(s, text, tokens, null, false, placeholders, List.of());
        }
        boolean insert = tokens.get(0).is("INSERT") || tokens.get(0).is("REPLACE");
        String h2Sql = Rewriter.rewrite(s, text, tokens);
        PreparedStatement ps = insert ? s.connection().prepareStatement(h2Sql, Statement.RETURN_GENERATED_KEYS)
                : s.connection().prepareStatement(h2Sql);
        try {
            ResultSetMetaData md = ps.getMetaData();
            List<ColumnInfo> cols = md == null ? List.of() : ColumnInfo.of(md, s.connection());
            return new PreparedQuery(s, text, tokens, ps, insert, ps.getParameterMetaData().getParameterCount(), cols);
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static boolean readsSessionState(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.kind() == Kind.SYSVAR) return true;
            if (k.kind() == Kind.WORD && SESSION_FUNCTIONS.contains(k.upper()) && i + 1 < t.size()
                    && t.get(i + 1).text().equals("(")) {
                return true;
            }
        }
        return false;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Result columns known at prepare time (empty for statements without a result set or not yet known). */
    public List<ColumnInfo> columns() {
        return columns;
    }

    public Result execute(Object[] params) throws SQLException {
        if (h2 == null) return session.execute(substitute(params));
        session.enterStatement(text);
        try {
            h2.clearParameters();
            for (int i = 0; i < parameterCount; i++) bind(i + 1, i < params.length ? params[i] : null);
            session.registerRunning(h2);
            boolean hasRs = h2.execute();
            return session.collect(h2, hasRs, insert);
        } catch (SQLException e) {
            throw session.noteError(MySqlErrors.translate(e));
        } catch (RuntimeException e) {
            throw session.noteError(MySqlErrors.internal(e));
        } finally {
            session.endRunning();
            session.exitStatement();
        }
    }

    private int parameterType(int i) {
        if (parameterTypes == null) {
            parameterTypes = new int[parameterCount + 1];
            for (int p = 1; p <= parameterCount; p++) {
                try {
                    parameterTypes[p] = h2.getParameterMetaData().getParameterType(p);
                } catch (SQLException e) {
                    parameterTypes[p] = java.sql.Types.OTHER;
                }
            }
        }
        return parameterTypes[i];
    }

    private static boolean isBinary(int jdbcType) {
        return jdbcType == java.sql.Types.BINARY || jdbcType == java.sql.Types.VARBINARY
                || jdbcType == java.sql.Types.LONGVARBINARY || jdbcType == java.sql.Types.BLOB;
    }

    private static boolean isCharacter(int jdbcType) {
        return jdbcType == java.sql.Types.VARCHAR || jdbcType == java.sql.Types.CHAR
                || jdbcType == java.sql.Types.LONGVARCHAR || jdbcType == java.sql.Types.CLOB;
    }

    private void bind(int i, Object v) throws SQLException {
        if (v == null) h2.setNull(i, java.sql.Types.NULL);
        else if (v instanceof byte[] b && isCharacter(parameterType(i))) {
            h2.setString(i, new String(b, java.nio.charset.StandardCharsets.UTF_8));
        } else if (v instanceof byte[] b) h2.setBytes(i, b);
        else if (v instanceof String str && isBinary(parameterType(i))) {
            h2.setBytes(i, str.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (v instanceof String str) h2.setString(i, str);
        else if (v instanceof Long l) h2.setLong(i, l);
        else if (v instanceof Integer n) h2.setInt(i, n);
        else if (v instanceof BigDecimal d) h2.setBigDecimal(i, d);
        else if (v instanceof Double d) h2.setDouble(i, d);
        else if (v instanceof Float f) h2.setFloat(i, f);
        else if (v instanceof Boolean b) h2.setBoolean(i, b);
        else if (v instanceof java.time.Duration d) h2.setObject(i, LocalTime.MIDNIGHT.plus(d));
        else h2.setObject(i, v);
    }

    private String substitute(Object[] params) {
        StringBuilder sb = new StringBuilder();
        int copied = 0, p = 0;
        for (Token t : tokens) {
            if (t.kind() != Kind.PLACEHOLDER) continue;
            sb.append(text, copied, t.start()).append(mysqlLiteral(p < params.length ? params[p] : null));
            p++;
            copied = t.end();
        }
        return sb.append(text, copied, text.length()).toString();
    }

    /** A literal in MySQL syntax (re-parsed by the MySQL layer). */
    static String mysqlLiteral(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof byte[] b) return "X'" + HexFormat.of().formatHex(b) + "'";
        if (v instanceof LocalDate) return "DATE '" + v + "'";
        if (v instanceof LocalDateTime d) return "TIMESTAMP '" + d.toString().replace('T', ' ') + "'";
        if (v instanceof LocalTime) return "TIME '" + v + "'";
        return "'" + v.toString().replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** COM_STMT_RESET: nothing is buffered in the engine; kept for symmetry. */
    public void reset() {
        // parameters are rebound on each execute
    }

    @Override
    public void close() {
        if (h2 != null) {
            try {
                h2.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
