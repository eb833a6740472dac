package io.strata.engine.mysql;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.schema.Schema;
import org.h2.table.Column;
import org.h2.table.IndexColumn;
import org.h2.table.Table;
import org.h2.value.Value;

/**
 * The column definition flags a MySQL server derives from a table's definition (MySQL client/server protocol,
 * Column Definition Flags), for result columns that are columns of a table: {@link #PRI_KEY} on every column of
 * the primary key, {@link #UNIQUE_KEY} on the column of a one-column unique key, {@link #MULTIPLE_KEY} on the
 * first column of any other key, {@link #PART_KEY} on every column of a key, {@link #NO_DEFAULT_VALUE} on a NOT
 * NULL column without DEFAULT that is not AUTO_INCREMENT, {@link #ENUM} on an ENUM column (as MySQL's
 * {@code open_binary_frm} and MariaDB 10.11 set them). Read from H2's table and index objects, never by SQL.
 *
 * <p>Cached per H2 table object and invalidated when the database's definition changes (H2's modification
 * meta id), so a result set costs one map look-up per table column. Thread-safe: any session may call it; a
 * concurrent DDL statement yields either the old or the new flags.
 */
final class TableFlags {
    static final int PRI_KEY = 2, UNIQUE_KEY = 4, MULTIPLE_KEY = 8, ENUM = 256, NO_DEFAULT_VALUE = 4096,
            PART_KEY = 16384;

    private record Entry(long metaId, Map<String, Integer> flags) {}

    private static final int MAX_TABLES = 4096;
    private static final Map<Table, Entry> CACHE = new ConcurrentHashMap<>();

    private TableFlags() {}

    /** Flags by H2 column name of table {@code schema.table} as the connection sees it; empty if none is found. */
    static Map<String, Integer> of(Connection conn, String schema, String table) {
        if (conn == null || table.isEmpty()) return Map.of();
        try {
            JdbcConnection jc = conn instanceof JdbcConnection j ? j
                    : conn.isWrapperFor(JdbcConnection.class) ? conn.unwrap(JdbcConnection.class) : null;
            if (jc == null || !(jc.getSession() instanceof SessionLocal session)) return Map.of();
            Database db = session.getDatabase();
            Schema s = db.findSchema(schema);
            Table t = s == null ? null : s.findTableOrView(session, table);
            if (t == null) return Map.of();
            long metaId = db.getModificationMetaId();
            Entry e = CACHE.get(t);
            if (e != null && e.metaId() == metaId) return e.flags();
            Map<String, Integer> flags = compute(t);
            if (CACHE.size() >= MAX_TABLES) CACHE.clear(); // dropped tables' entries go with the rest
            CACHE.put(t, new Entry(metaId, flags));
            return flags;
        } catch (java.sql.SQLException | RuntimeException e) { // a table dropped meanwhile: no key flags
            return Map.of();
        }
    }

    private static Map<String, Integer> compute(Table t) {
        Map<String, Integer> flags = new HashMap<>();
        for (Column c : t.getColumns()) {
            int f = 0;
            if (c.getType().getValueType() == Value.ENUM) f |= ENUM;
            if (!c.isNullable() && c.getDefaultExpression() == null && !c.isIdentity() && !c.isGenerated()) {
                f |= NO_DEFAULT_VALUE;
            }
            flags.put(c.getName(), f);
        }
        for (Index index : t.getIndexes() == null ? List.<Index>of() : t.getIndexes()) { // a view has none
            if (index.getIndexType().isScan()) continue; // the row store itself, not a key
            IndexColumn[] cols = index.getIndexColumns();
            boolean primary = index.getIndexType().isPrimaryKey();
            for (int i = 0; i < cols.length; i++) {
                int f = PART_KEY;
                if (primary) f |= PRI_KEY;
                else if (i == 0) f |= index.getIndexType().isUnique() && cols.length == 1 ? UNIQUE_KEY : MULTIPLE_KEY;
                flags.merge(cols[i].column.getName(), f, (a, b) -> a | b);
            }
        }
        return Map.copyOf(flags);
    }
}
