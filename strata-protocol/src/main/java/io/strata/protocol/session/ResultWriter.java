package io.strata.protocol.session;

import io.netty.buffer.ByteBuf;
import io.strata.engine.mysql.ColumnInfo;
import io.strata.engine.mysql.Result;
import io.strata.protocol.packet.BinaryResultRow;
import io.strata.protocol.packet.Capabilities;
import io.strata.protocol.packet.ColumnDefinition41;
import io.strata.protocol.packet.ColumnType;
import io.strata.protocol.packet.EofPacket;
import io.strata.protocol.packet.ErrPacket;
import io.strata.protocol.packet.OkPacket;
import io.strata.protocol.packet.PacketWriter;
import io.strata.protocol.packet.TextResultRow;
import io.strata.protocol.packet.Wire;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes statement outcomes: OK packets, ERR packets, and text or binary result sets (column count, column
 * definitions, rows, terminator), honouring CLIENT_DEPRECATE_EOF.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset.html">Text Resultset</a>
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html">Binary Protocol Resultset</a>
 */
final class ResultWriter {
    private final PacketWriter out;
    private final boolean deprecateEof;

    ResultWriter(PacketWriter out, int clientCapabilities) {
        this.out = out;
        this.deprecateEof = (clientCapabilities & Capabilities.CLIENT_DEPRECATE_EOF) != 0;
    }

    void ok(long affected, long lastInsertId, int status, int warnings) {
        out.write(OkPacket.ok(out.buffer(), affected, lastInsertId, status, warnings));
    }

    void error(SQLException e) {
        out.write(ErrPacket.write(out.buffer(), e.getErrorCode() > 0 ? e.getErrorCode() : 1105, e.getSQLState(),
                e.getMessage()));
    }

    /** Terminator after column definitions (EOF), unless CLIENT_DEPRECATE_EOF. */
    void eofIfNeeded(int status) {
        if (!deprecateEof) out.write(EofPacket.write(out.buffer(), 0, status));
    }

    /** End of a result set: EOF, or an OK with 0xFE header under CLIENT_DEPRECATE_EOF. */
    void end(int status, int warnings) {
        if (deprecateEof) out.write(OkPacket.write(out.buffer(), 0xFE, 0, 0, status, warnings));
        else out.write(EofPacket.write(out.buffer(), warnings, status));
    }

    /**
     * An OK, or a result set whose terminator carries {@code warnings}, the statement's warning count (which a
     * driver reads to decide whether to ask SHOW WARNINGS).
     */
    void result(Result r, int status, boolean binary, int warnings) {
        if (r instanceof Result.Update u) {
            ok(u.affectedRows(), u.lastInsertId(), status, Math.max(u.warnings(), warnings));
            return;
        }
        Result.Rows rows = (Result.Rows) r;
        List<ColumnType> types = columns(rows.columns(), status);
        for (Object[] row : rows.rows()) {
            if (binary) out.writeInPlace(b -> BinaryResultRow.write(b, row, types));
            else out.writeInPlace(b -> TextResultRow.write(b, row));
        }
        end(status, Math.min(warnings, 0xFFFF));
    }

    /** Column count, definitions and (without CLIENT_DEPRECATE_EOF) EOF. */
    List<ColumnType> columns(List<ColumnInfo> columns, int status) {
        ByteBuf count = out.buffer();
        Wire.writeLenencInt(count, columns.size());
        out.write(count);
        List<ColumnType> types = definitions(columns);
        eofIfNeeded(status);
        return types;
    }

    /** Just the column definitions. */
    List<ColumnType> definitions(List<ColumnInfo> columns) {
        List<ColumnType> types = new ArrayList<>(columns.size());
        for (ColumnInfo c : columns) {
            ColumnType t = ColumnType.of(c);
            types.add(t);
            out.write(ColumnDefinition41.write(out.buffer(), c, t));
        }
        return types;
    }
}
