package io.strata.engine.mysql.triggers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.Trigger;

/**
 * The H2 trigger class behind every MySQL trigger: runs the trigger's {@link TriggerProgram}, read from
 * {@link TriggerCatalog} at its first firing (H2 instantiates it when the database opens, before a session
 * could read the catalog). The body's unqualified names resolve in the trigger's database, as in MySQL.
 *
 * <p>Concurrency: H2 creates one instance per trigger and may fire it from several sessions at once; the
 * lazily loaded program and column map are immutable once published (volatile).
 */
public final class MySqlTrigger implements Trigger {
    /** The name H2 gives the table it builds during ALTER TABLE (Database.getTempTableName). */
    private static final Pattern ALTER_COPY = Pattern.compile("(.+)_COPY_\\d+_\\d+");
    private String schema;
    private volatile String name;
    private volatile String table;
    private volatile TriggerProgram program;
    private volatile Map<String, Integer> columns;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.schema = schemaName;
        this.name = triggerName;
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        TriggerProgram p = program;
        if (p == null) {
            p = load(conn);
            program = p;
        }
        Object[] row = newRow != null ? newRow : oldRow;
        Map<String, Integer> cols = columns;
        if (cols == null || cols.size() != row.length) {
            cols = columns(conn);
            columns = cols;
        }
        String current = conn.getSchema();
        boolean switchSchema = !schema.equals(current);
        if (switchSchema) conn.setSchema(schema);
        try {
            p.run(conn, cols, oldRow, newRow);
        } finally {
            if (switchSchema) conn.setSchema(current);
        }
    }

    /**
     * Reads the program from the catalog. H2 rebuilds a table for most {@code ALTER TABLE}s: it creates the new
     * table as {@code <table>_COPY_<session>_<n>} with each trigger as {@code <that name>_<trigger>}, calls
     * {@link #init} with those temporary names, then renames table and triggers back without calling init
     * again. So when the name given to init is not in the catalog and has that shape, the trigger is the one
     * named by its suffix, on the table named by the prefix.
     */
    private TriggerProgram load(Connection conn) throws SQLException {
        TriggerProgram p = TriggerCatalog.program(conn, schema, name);
        if (p == null) {
            Matcher copy = ALTER_COPY.matcher(table);
            if (copy.matches() && name.startsWith(table + "_")) {
                String original = name.substring(table.length() + 1);
                p = TriggerCatalog.program(conn, schema, original);
                if (p != null) {
                    name = original;
                    table = copy.group(1);
                    columns = null;
                }
            }
        }
        if (p == null) {
            throw new SQLException("Trigger '" + schema + "." + name + "' has no stored body", "HY000", 1105);
        }
        return p;
    }

    private Map<String, Integer> columns(Connection conn) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) out.put(rs.getString(1).toLowerCase(Locale.ROOT), i++);
            }
        }
        return Map.copyOf(out);
    }
}
