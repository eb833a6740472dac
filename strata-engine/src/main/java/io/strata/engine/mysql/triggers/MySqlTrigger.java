package io.strata.engine.mysql.triggers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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
    private String schema;
    private String name;
    private String table;
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
            p = TriggerCatalog.program(conn, schema, name);
            if (p == null) {
                throw new SQLException("Trigger '" + schema + "." + name + "' has no stored body", "HY000", 1105);
            }
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
