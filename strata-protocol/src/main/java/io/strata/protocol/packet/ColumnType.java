package io.strata.protocol.packet;

import io.strata.engine.mysql.ColumnInfo;
import java.sql.Types;

/**
 * The MySQL wire type of a column, derived from its JDBC metadata: type code, character set, display length,
 * flags and decimals, as a MySQL 8 server would describe the equivalent column.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/field__types_8h.html">enum_field_types</a>
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/group__group__cs__column__definition__flags.html">Column Definition Flags</a>
 */
public record ColumnType(int type, int charset, long length, int flags, int decimals) {
    public static final int DECIMAL = 0x00, TINY = 0x01, SHORT = 0x02, LONG = 0x03, FLOAT = 0x04, DOUBLE = 0x05,
            NULL = 0x06, TIMESTAMP = 0x07, LONGLONG = 0x08, INT24 = 0x09, DATE = 0x0a, TIME = 0x0b,
            DATETIME = 0x0c, YEAR = 0x0d, VARCHAR = 0x0f, BIT = 0x10, JSON = 0xf5, NEWDECIMAL = 0xf6, ENUM = 0xf7,
            SET = 0xf8, TINY_BLOB = 0xf9, MEDIUM_BLOB = 0xfa, LONG_BLOB = 0xfb, BLOB = 0xfc, VAR_STRING = 0xfd,
            STRING = 0xfe, GEOMETRY = 0xff;

    public static final int NOT_NULL_FLAG = 1, PRI_KEY_FLAG = 2, UNIQUE_KEY_FLAG = 4, MULTIPLE_KEY_FLAG = 8,
            BLOB_FLAG = 16, UNSIGNED_FLAG = 32, BINARY_FLAG = 128, ENUM_FLAG = 256, AUTO_INCREMENT_FLAG = 512,
            NO_DEFAULT_VALUE_FLAG = 4096, PART_KEY_FLAG = 16384, NUM_FLAG = 32768;

    /** utf8mb4_0900_ai_ci and binary collation ids. */
    public static final int UTF8MB4 = 255, BINARY = 63;

    /**
     * The wire type of column {@code c}. Flags from the column's table ({@link ColumnInfo#tableFlags()}: keys,
     * ENUM, no default) are added to those of its type; a TIMESTAMP column of a table (H2's TIMESTAMP WITH
     * TIME ZONE) is MySQL's TIMESTAMP, a computed one DATETIME.
     */
    public static ColumnType of(ColumnInfo c) {
        ColumnType t = ofType(c);
        return c.tableFlags() == 0 ? t : new ColumnType(t.type, t.charset, t.length, t.flags | c.tableFlags(), t.decimals);
    }

    private static ColumnType ofType(ColumnInfo c) {
        int nn = c.nullable() ? 0 : NOT_NULL_FLAG;
        int ai = c.autoIncrement() ? AUTO_INCREMENT_FLAG : 0;
        // MySQL marks a computed number BINARY (binary collation), a table's number column not
        int num = nn | ai | NUM_FLAG | (c.orgTable().isEmpty() ? BINARY_FLAG : 0);
        if (c.json()) return new ColumnType(JSON, UTF8MB4, 4294967295L, nn | BLOB_FLAG, 0);
        if ((c.tableFlags() & ENUM_FLAG) != 0) return new ColumnType(STRING, UTF8MB4, clamp(c.precision() * 4L), nn, 0);
        return switch (c.jdbcType()) {
            // A computed boolean (a comparison, TRUE) is MySQL's integer 1/0, typed BIGINT(1); a BOOLEAN
            // column is MySQL's TINYINT(1).
            case Types.BOOLEAN, Types.BIT -> c.orgTable().isEmpty() ? new ColumnType(LONGLONG, BINARY, 1, num, 0)
                    : new ColumnType(TINY, BINARY, 1, num, 0);
            case Types.TINYINT -> new ColumnType(TINY, BINARY, 4, num, 0);
            case Types.SMALLINT -> new ColumnType(SHORT, BINARY, 6, num, 0);
            case Types.INTEGER -> new ColumnType(LONG, BINARY, 11, num, 0);
            case Types.BIGINT -> new ColumnType(LONGLONG, BINARY, 20, num, 0);
            case Types.REAL -> new ColumnType(FLOAT, BINARY, 12, num, 31);
            case Types.FLOAT, Types.DOUBLE -> new ColumnType(DOUBLE, BINARY, 22, num, 31);
            case Types.DECIMAL, Types.NUMERIC -> {
                int scale = Math.max(0, Math.min(c.scale(), 30));
                int precision = Math.max(1, Math.min(c.precision(), 65));
                yield new ColumnType(NEWDECIMAL, BINARY, precision + (scale > 0 ? 1 : 0) + 1, num, scale);
            }
            case Types.DATE -> new ColumnType(DATE, BINARY, 10, nn | BINARY_FLAG, 0);
            case Types.TIME -> new ColumnType(TIME, BINARY, 10, nn | BINARY_FLAG, 0);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                int fsp = Math.max(0, Math.min(c.scale(), 6));
                boolean timestamp = c.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE && !c.orgTable().isEmpty();
                yield new ColumnType(timestamp ? TIMESTAMP : DATETIME, BINARY, 19 + (fsp > 0 ? fsp + 1 : 0), nn | BINARY_FLAG, fsp);
            }
            case Types.BINARY, Types.VARBINARY -> new ColumnType(VAR_STRING, BINARY, clamp(c.precision()),
                    nn | BINARY_FLAG, 0);
            case Types.BLOB, Types.LONGVARBINARY -> new ColumnType(BLOB, BINARY, 4294967295L,
                    nn | BINARY_FLAG | BLOB_FLAG, 0);
            case Types.CHAR -> new ColumnType(STRING, UTF8MB4, clamp(c.precision() * 4L), nn, 0);
            case Types.CLOB, Types.LONGVARCHAR, Types.NCLOB -> new ColumnType(BLOB, UTF8MB4, 4294967295L,
                    nn | BLOB_FLAG, 0);
            case Types.NULL -> new ColumnType(NULL, BINARY, 0, BINARY_FLAG, 0);
            default -> c.precision() > 65535 ? new ColumnType(BLOB, UTF8MB4, 4294967295L, nn | BLOB_FLAG, 0)
                    : new ColumnType(VAR_STRING, UTF8MB4, clamp(Math.max(c.precision(), 1) * 4L), nn, 0);
        };
    }

    private static long clamp(long v) {
        return Math.min(Math.max(v, 0), 4294967295L);
    }
}
