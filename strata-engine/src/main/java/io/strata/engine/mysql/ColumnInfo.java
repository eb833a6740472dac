package io.strata.engine.mysql;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Metadata of one result column, as JDBC describes it; the protocol maps it to a MySQL column type.
 *
 * @param jdbcType a {@link java.sql.Types} constant
 * @param precision JDBC precision (character length for strings, digits for numbers)
 * @param typeName the engine's type name where the JDBC type does not say enough ({@code JSON}), else ""
 * @param tableFlags MySQL column definition flags known from the column's table (keys, ENUM, no default:
 *     see {@code TableFlags}), with MySQL's bit values; 0 for computed columns
 */
public record ColumnInfo(String schema, String table, String orgTable, String name, String orgName,
                         int jdbcType, int precision, int scale, boolean nullable, boolean autoIncrement,
                         boolean signed, String typeName, int tableFlags) {

    public ColumnInfo(String schema, String table, String orgTable, String name, String orgName, int jdbcType,
                      int precision, int scale, boolean nullable, boolean autoIncrement, boolean signed,
                      String typeName) {
        this(schema, table, orgTable, name, orgName, jdbcType, precision, scale, nullable, autoIncrement, signed,
                typeName, 0);
    }

    public ColumnInfo(String schema, String table, String orgTable, String name, String orgName, int jdbcType,
                      int precision, int scale, boolean nullable, boolean autoIncrement, boolean signed) {
        this(schema, table, orgTable, name, orgName, jdbcType, precision, scale, nullable, autoIncrement, signed, "");
    }

    /** True for a JSON value (MySQL's JSON type). */
    public boolean json() {
        return "JSON".equals(typeName);
    }

    /** A computed (table-less) column, used for synthesized results such as SHOW output. */
    public static ColumnInfo computed(String name, int jdbcType) {
        int precision = jdbcType == Types.BIGINT ? 20 : 64;
        return new ColumnInfo("", "", "", name, name, jdbcType, precision, 0, true, false, true);
    }

    public static ColumnInfo varchar(String name) {
        return computed(name, Types.VARCHAR);
    }

    /** The columns of a result; {@code conn} (the H2 connection, may be null) supplies the tables' key flags. */
    static List<ColumnInfo> of(ResultSetMetaData md, java.sql.Connection conn) throws SQLException {
        int n = md.getColumnCount();
        List<ColumnInfo> cols = new ArrayList<>(n);
        String flagsSchema = null, flagsTable = null; // the table whose flags are at hand
        java.util.Map<String, Integer> flags = java.util.Map.of();
        for (int i = 1; i <= n; i++) {
            String schema = nullToEmpty(md.getSchemaName(i));
            String table = nullToEmpty(md.getTableName(i));
            String orgName = nullToEmpty(md.getColumnName(i));
            if (!table.isEmpty() && !(table.equals(flagsTable) && schema.equals(flagsSchema))) {
                flagsSchema = schema;
                flagsTable = table;
                flags = TableFlags.of(conn, schema, table);
            }
            int tableFlags = table.isEmpty() ? 0 : flags.getOrDefault(orgName, 0);
            cols.add(new ColumnInfo(schema, table, table, md.getColumnLabel(i), orgName,
                    md.getColumnType(i), md.getPrecision(i), md.getScale(i),
                    md.isNullable(i) != ResultSetMetaData.columnNoNulls, md.isAutoIncrement(i), md.isSigned(i),
                    // only a JSON column needs its type name (H2 reports it as OTHER): not asked for others,
                    // since this runs for every result set, a point select's included
                    md.getColumnType(i) == Types.OTHER && "JSON".equals(md.getColumnTypeName(i)) ? "JSON" : "",
                    tableFlags));
        }
        return cols;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
