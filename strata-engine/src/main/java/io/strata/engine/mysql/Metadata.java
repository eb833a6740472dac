package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table metadata in MySQL terms (column types such as {@code varchar(20)}, keys, SHOW INDEX rows,
 * SHOW CREATE TABLE text), read from H2's INFORMATION_SCHEMA.
 */
final class Metadata {
    record Column(String name, String mysqlType, boolean nullable, String key, String defaultValue, String extra) {
        String collation() {
            return mysqlType.contains("char") || mysqlType.contains("text") ? "utf8mb4_0900_ai_ci" : null;
        }
    }

    record IndexColumn(String index, boolean unique, boolean primary, String column, int seq) {}

    private Metadata() {}

    private static String[] resolve(MySqlSession s, String db, String table) throws SQLException {
        if (table.contains(".") && db == null) {
            db = table.substring(0, table.indexOf('.'));
            table = table.substring(table.indexOf('.') + 1);
        }
        String schema = db != null ? db.toLowerCase(Locale.ROOT) : s.database() != null ? s.database() : "public";
        return new String[] {schema, table.toLowerCase(Locale.ROOT)};
    }

    static List<Column> columns(MySqlSession s, String db, String table) throws SQLException {
        String[] st = resolve(s, db, table);
        List<IndexColumn> idx = indexColumns(s, st[0], st[1]);
        java.util.Set<String> checkedNotNull = io.strata.engine.mysql.triggers.TriggerCatalog.notNull(s.connection(), st[0], st[1]);
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("SELECT COLUMN_NAME, DATA_TYPE,"
                + " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE,"
                + " COLUMN_DEFAULT, IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_SCHEMA) = ?"
                + " AND LOWER(TABLE_NAME) = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, st[0]);
            ps.setString(2, st[1]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = mysqlType(rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
                    String key = "";
                    for (IndexColumn ic : idx) {
                        if (!ic.column().equalsIgnoreCase(name)) continue;
                        String k = ic.primary() ? "PRI" : ic.unique() ? "UNI" : ic.seq() == 1 ? "MUL" : "";
                        if (key.isEmpty() || k.equals("PRI")) key = k;
                    }
                    String def = rs.getString(8);
                    if (def != null && def.equalsIgnoreCase("NULL")) def = null; // an explicit DEFAULT NULL
                    if (def != null && def.length() >= 2 && def.startsWith("'") && def.endsWith("'")) {
                        def = def.substring(1, def.length() - 1).replace("''", "'");
                    }
                    boolean identity = "YES".equals(rs.getString(9));
                    boolean nullable = "YES".equals(rs.getString(7)) && !checkedNotNull.contains(name.toLowerCase(Locale.ROOT));
                    out.add(new Column(name, type, nullable, key, identity ? null : def,
                            identity ? "auto_increment" : ""));
                }
            }
        }
        if (out.isEmpty()) throw MySqlErrors.error(MySqlErrors.ER_NO_SUCH_TABLE, "42S02",
                "Table '" + st[0] + "." + st[1] + "' doesn't exist");
        return out;
    }

    static String mysqlType(String h2Type, long charLen, int precision, int scale, int dtPrecision) {
        String t = h2Type.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "INTEGER" -> "int";
            case "BIGINT" -> "bigint";
            case "SMALLINT" -> "smallint";
            case "TINYINT" -> "tinyint";
            case "BOOLEAN" -> "tinyint(1)";
            case "NUMERIC", "DECIMAL" -> "decimal(" + precision + "," + scale + ")";
            case "DOUBLE PRECISION" -> "double";
            case "REAL" -> "float";
            case "DECFLOAT" -> "decimal(65,30)";
            case "CHARACTER VARYING", "VARCHAR_IGNORECASE" -> charLen >= 16_777_216 ? "longtext"
                    : charLen > 65_535 ? "mediumtext" : "varchar(" + charLen + ")";
            case "CHARACTER" -> "char(" + charLen + ")";
            case "CHARACTER LARGE OBJECT" -> "longtext";
            case "BINARY VARYING" -> charLen > 65_535 ? "longblob" : "varbinary(" + charLen + ")";
            case "BINARY" -> "binary(" + charLen + ")";
            case "BINARY LARGE OBJECT" -> "longblob";
            case "DATE" -> "date";
            case "TIME" -> dtPrecision > 0 ? "time(" + dtPrecision + ")" : "time";
            case "TIMESTAMP" -> dtPrecision > 0 ? "datetime(" + dtPrecision + ")" : "datetime";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamp";
            case "JSON" -> "json";
            case "UUID" -> "binary(16)";
            default -> t.toLowerCase(Locale.ROOT);
        };
    }

    static List<IndexColumn> indexColumns(MySqlSession s, String schema, String table) throws SQLException {
        List<IndexColumn> out = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("SELECT COALESCE(tc.CONSTRAINT_NAME,"
                + " i.INDEX_NAME), i.INDEX_TYPE_NAME, ic.COLUMN_NAME, ic.ORDINAL_POSITION"
                + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic"
                + " ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME"
                + " LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON tc.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + " AND tc.INDEX_NAME = i.INDEX_NAME AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')"
                + " WHERE LOWER(i.TABLE_SCHEMA) = ? AND LOWER(i.TABLE_NAME) = ?"
                // InnoDB's order, which SHOW INDEX and SHOW CREATE TABLE follow: primary key, unique keys, the others
                + " ORDER BY CASE WHEN i.INDEX_TYPE_NAME = 'PRIMARY KEY' THEN 0 WHEN i.INDEX_TYPE_NAME LIKE '%UNIQUE%'"
                + " THEN 1 ELSE 2 END, 1, 4")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    boolean primary = type.equals("PRIMARY KEY");
                    String raw = rs.getString(1);
                    String name = primary ? "PRIMARY" : raw.startsWith("CONSTRAINT_INDEX_") ? rs.getString(3)
                            : DdlRewriter.demangle(table, raw.replaceAll("_INDEX_[A-Z0-9]+$", ""));
                    out.add(new IndexColumn(name, primary || type.contains("UNIQUE"), primary, rs.getString(3),
                            rs.getInt(4)));
                }
            }
        }
        return out;
    }

    static Result.Rows indexes(MySqlSession s, String table, String db) throws SQLException {
        String[] st = resolve(s, db, table);
        columns(s, st[0], st[1]); // fails with 1146 for an unknown table
        List<Object[]> out = new ArrayList<>();
        for (IndexColumn ic : indexColumns(s, st[0], st[1])) {
            out.add(new Object[] {st[1], ic.unique() ? 0L : 1L, ic.index(), (long) ic.seq(), ic.column(), "A", 0L,
                    null, null, "", "BTREE", "", "", "YES", null});
        }
        List<String> names = List.of("Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation",
                "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment", "Index_comment", "Visible",
                "Expression");
        List<ColumnInfo> cols = new ArrayList<>();
        for (String n : names) {
            boolean num = n.equals("Non_unique") || n.equals("Seq_in_index") || n.equals("Cardinality")
                    || n.equals("Sub_part");
            cols.add(num ? ColumnInfo.computed(n, Types.BIGINT) : ColumnInfo.varchar(n));
        }
        return new Result.Rows(cols, out);
    }

    static String createTable(MySqlSession s, String db, String table) throws SQLException {
        String[] st = resolve(s, db, table);
        StringBuilder sb = new StringBuilder("CREATE TABLE `").append(st[1]).append("` (\n");
        List<String> lines = new ArrayList<>();
        for (Column c : columns(s, st[0], st[1])) {
            StringBuilder l = new StringBuilder("  `").append(c.name()).append("` ").append(c.mysqlType());
            if (!c.nullable()) l.append(" NOT NULL");
            if (!c.extra().isEmpty()) l.append(" AUTO_INCREMENT");
            else if (c.defaultValue() != null) l.append(" DEFAULT ").append(SqlScanner.literal(c.defaultValue()));
            else if (c.nullable()) l.append(" DEFAULT NULL");
            lines.add(l.toString());
        }
        Map<String, List<IndexColumn>> byIndex = new LinkedHashMap<>();
        for (IndexColumn ic : indexColumns(s, st[0], st[1])) {
            byIndex.computeIfAbsent(ic.index(), k -> new ArrayList<>()).add(ic);
        }
        for (Map.Entry<String, List<IndexColumn>> e : byIndex.entrySet()) {
            IndexColumn first = e.getValue().get(0);
            StringBuilder l = new StringBuilder("  ");
            l.append(first.primary() ? "PRIMARY KEY " : first.unique() ? "UNIQUE KEY `" + e.getKey() + "` "
                    : "KEY `" + e.getKey() + "` ");
            List<String> cols = new ArrayList<>();
            for (IndexColumn ic : e.getValue()) cols.add("`" + ic.column() + "`");
            lines.add(l.append('(').append(String.join(",", cols)).append(')').toString());
        }
        lines.addAll(foreignKeys(s, st[0], st[1]));
        sb.append(String.join(",\n", lines));
        return sb.append("\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci").toString();
    }

    /** CONSTRAINT lines for SHOW CREATE TABLE. */
    private static List<String> foreignKeys(MySqlSession s, String schema, String table) throws SQLException {
        Map<String, String[]> fks = new LinkedHashMap<>(); // name -> cols, refTable, refCols, rules
        String sql = "SELECT k.constraint_name, k.column_name, k.referenced_table_name, k.referenced_column_name,"
                + " r.delete_rule, r.update_rule FROM " + "(" + InformationSchema.query("KEY_COLUMN_USAGE") + ") k JOIN ("
                + InformationSchema.query("REFERENTIAL_CONSTRAINTS") + ") r ON r.constraint_schema = k.constraint_schema"
                + " AND r.constraint_name = k.constraint_name WHERE k.table_schema = ? AND LOWER(k.table_name) = ?"
                + " ORDER BY k.constraint_name, k.ordinal_position";
        try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] fk = fks.computeIfAbsent(rs.getString(1), k -> new String[] {"", "", "", "", ""});
                    fk[0] += (fk[0].isEmpty() ? "" : ",") + "`" + rs.getString(2) + "`";
                    fk[1] = rs.getString(3);
                    fk[2] += (fk[2].isEmpty() ? "" : ",") + "`" + rs.getString(4) + "`";
                    fk[3] = rs.getString(5);
                    fk[4] = rs.getString(6);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String[]> e : fks.entrySet()) {
            String[] fk = e.getValue();
            out.add("  CONSTRAINT `" + e.getKey() + "` FOREIGN KEY (" + fk[0] + ") REFERENCES `" + fk[1] + "` (" + fk[2] + ")"
                    + ("RESTRICT".equals(fk[3]) || "NO ACTION".equals(fk[3]) ? "" : " ON DELETE " + fk[3])
                    + ("RESTRICT".equals(fk[4]) || "NO ACTION".equals(fk[4]) ? "" : " ON UPDATE " + fk[4]));
        }
        return out;
    }

    /** SHOW TABLE STATUS: one row per table, with exact row counts. */
    static Result.Rows tableStatus(MySqlSession s, String db) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement ps = s.connection().prepareStatement("SELECT TABLE_NAME, TABLE_TYPE, REMARKS FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = ? ORDER BY TABLE_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tables.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        for (String[] t : tables) {
            boolean view = t[1].contains("VIEW");
            long rows = 0;
            if (!view) {
                try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM "
                        + SqlScanner.quoteIdentifier(db) + "." + SqlScanner.quoteIdentifier(t[0]))) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            out.add(view ? new Object[] {t[0], null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, "VIEW"}
                    : new Object[] {t[0], "InnoDB", 10L, "Dynamic", rows, 0L, 16384L, 0L, 0L, 0L, null, null, null, null,
                    "utf8mb4_0900_ai_ci", null, "", t[2] == null ? "" : t[2]});
        }
        List<String> names = List.of("Name", "Engine", "Version", "Row_format", "Rows", "Avg_row_length", "Data_length",
                "Max_data_length", "Index_length", "Data_free", "Auto_increment", "Create_time", "Update_time",
                "Check_time", "Collation", "Checksum", "Create_options", "Comment");
        List<ColumnInfo> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            boolean num = c == 2 || (c >= 4 && c <= 10) || c == 15;
            cols.add(num ? ColumnInfo.computed(names.get(c), Types.BIGINT) : ColumnInfo.varchar(names.get(c)));
        }
        return new Result.Rows(cols, out);
    }

    /** Evaluates a SHOW ... WHERE clause with H2 over the computed rows. */
    static Result.Rows where(MySqlSession s, Result.Rows rows, List<Token> t, int whereIndex) throws SQLException {
        if (rows.rows().isEmpty()) return rows;
        StringBuilder q = new StringBuilder("SELECT * FROM (VALUES ");
        for (int r = 0; r < rows.rows().size(); r++) {
            q.append(r == 0 ? "(" : ", (");
            Object[] row = rows.rows().get(r);
            for (int c = 0; c < row.length; c++) {
                q.append(c == 0 ? "" : ", ").append(row[c] == null ? "CAST(NULL AS VARCHAR)" : SqlScanner.literal(row[c]));
            }
            q.append(')');
        }
        q.append(") AS v(");
        for (int c = 0; c < rows.columns().size(); c++) {
            q.append(c == 0 ? "" : ", ").append(SqlScanner.quoteIdentifier(rows.columns().get(c).name()));
        }
        String cond = tokensText(t, whereIndex + 1);
        q.append(") WHERE ").append(Rewriter.rewrite(s, cond, SqlScanner.tokenize(cond)));
        List<Object[]> kept = new ArrayList<>();
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(q.toString())) {
            while (rs.next()) {
                Object[] row = new Object[rows.columns().size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = Results.value(rs, c + 1, rows.columns().get(c).jdbcType());
                }
                kept.add(row);
            }
        }
        return new Result.Rows(rows.columns(), kept);
    }

    private static String tokensText(List<Token> t, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < t.size(); i++) sb.append(i == from ? "" : " ").append(t.get(i).text());
        return sb.toString();
    }
}
