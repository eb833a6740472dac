package io.strata.engine.mysql;

import io.strata.engine.mysql.functions.JsonFunctions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Materializes JDBC result sets into {@link Result.Rows} with the value types the protocol encodes. */
final class Results {
    private Results() {}

    static Result.Rows materialize(ResultSet rs) throws SQLException {
        List<ColumnInfo> cols = ColumnInfo.of(rs.getMetaData(), rs.getStatement() == null ? null : rs.getStatement().getConnection());
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[cols.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = cols.get(i).json() ? JsonFunctions.normalize(rs.getString(i + 1))
                        : value(rs, i + 1, cols.get(i).jdbcType());
            }
            rows.add(row);
        }
        return new Result.Rows(cols, rows);
    }

    static Object value(ResultSet rs, int i, int type) throws SQLException {
        Object v = switch (type) {
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(i);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(i);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(i);
            case Types.REAL -> rs.getFloat(i);
            case Types.FLOAT, Types.DOUBLE -> rs.getDouble(i);
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIME -> rs.getObject(i, LocalTime.class);
            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime odt = rs.getObject(i, OffsetDateTime.class);
                yield odt == null ? null : odt.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(i);
            case Types.NULL -> null;
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }
}
