package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * COM_STMT_PREPARE_OK, the first packet of the COM_STMT_PREPARE response (parameter and column
 * definitions follow).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html#sect_protocol_com_stmt_prepare_response">COM_STMT_PREPARE Response</a>
 */
public final class StmtPrepareOk {
    private StmtPrepareOk() {}

    public static ByteBuf write(ByteBuf b, long statementId, int columns, int params, int warnings) {
        return b.writeByte(0x00).writeIntLE((int) statementId).writeShortLE(columns).writeShortLE(params)
                .writeByte(0).writeShortLE(warnings);
    }
}
