package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.strata.engine.mysql.ColumnInfo;

/**
 * Protocol::ColumnDefinition41.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html">Column Definition</a>
 */
public final class ColumnDefinition41 {
    private ColumnDefinition41() {}

    public static ByteBuf write(ByteBuf b, ColumnInfo c, ColumnType t) {
        Wire.writeLenencString(b, "def");
        Wire.writeLenencString(b, c.schema());
        Wire.writeLenencString(b, c.table());
        Wire.writeLenencString(b, c.orgTable());
        Wire.writeLenencString(b, c.name());
        Wire.writeLenencString(b, c.orgName());
        Wire.writeLenencInt(b, 0x0c);
        b.writeShortLE(t.charset());
        b.writeIntLE((int) t.length());
        b.writeByte(t.type());
        b.writeShortLE(t.flags());
        b.writeByte(t.decimals());
        b.writeShortLE(0);
        return b;
    }

    /** Parameter placeholder definition sent after COM_STMT_PREPARE_OK. */
    public static ByteBuf parameter(ByteBuf b) {
        ColumnInfo p = new ColumnInfo("", "", "", "?", "", java.sql.Types.VARCHAR, 0, 0, true, false, true);
        return write(b, p, new ColumnType(ColumnType.VAR_STRING, ColumnType.BINARY, 0, ColumnType.BINARY_FLAG, 0));
    }
}
