package io.strata.protocol.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.strata.engine.mysql.ColumnInfo;
import io.strata.engine.mysql.MySqlErrors;
import io.strata.engine.mysql.MySqlSession;
import io.strata.engine.mysql.Result;
import io.strata.protocol.packet.Capabilities;
import io.strata.protocol.packet.ColumnDefinition41;
import io.strata.protocol.packet.Packet;
import io.strata.protocol.packet.PacketWriter;
import io.strata.protocol.packet.ServerStatus;
import io.strata.protocol.packet.StmtExecuteRequest;
import io.strata.protocol.packet.StmtPrepareOk;
import io.strata.protocol.packet.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command phase of one connection. Runs on the connection's own thread; one command at a time.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase.html">Command Phase</a>
 */
final class CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    static final int COM_QUIT = 0x01, COM_INIT_DB = 0x02, COM_QUERY = 0x03, COM_FIELD_LIST = 0x04,
            COM_STATISTICS = 0x09, COM_PROCESS_KILL = 0x0c, COM_DEBUG = 0x0d, COM_PING = 0x0e,
            COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17, COM_STMT_SEND_LONG_DATA = 0x18, COM_STMT_CLOSE = 0x19,
            COM_STMT_RESET = 0x1a, COM_SET_OPTION = 0x1b, COM_RESET_CONNECTION = 0x1f;

    private final Channel channel;
    private final PacketWriter out;
    private final MySqlSession session;
    private final ResultWriter results;
    private final PreparedStatements statements = new PreparedStatements();
    private boolean multiStatements;
    private boolean closed;

    CommandHandler(Channel channel, PacketWriter out, MySqlSession session, int capabilities) {
        this.channel = channel;
        this.out = out;
        this.session = session;
        this.results = new ResultWriter(out, capabilities);
        this.multiStatements = (capabilities & Capabilities.CLIENT_MULTI_STATEMENTS) != 0;
    }

    private int status() {
        return (session.autocommit() ? ServerStatus.AUTOCOMMIT : 0) | (session.inTransaction() ? ServerStatus.IN_TRANS : 0);
    }

    void handle(Packet p) {
        ByteBuf b = p.payload();
        try {
            if (closed) return;
            out.sequence(p.sequenceId() + 1);
            int command = b.readUnsignedByte();
            dispatch(command, b);
        } catch (SQLException e) {
            results.error(e);
        } catch (RuntimeException e) {
            LOG.debug("connection {}: malformed packet: {}", session.connectionId(), e.toString());
            results.error(MySqlErrors.error(MySqlErrors.ER_MALFORMED_PACKET, "HY000", "Malformed communication packet"));
            out.flush();
            channel.close();
        } finally {
            b.release();
            out.flush();
        }
    }

    private void dispatch(int command, ByteBuf b) throws SQLException {
        if (LOG.isTraceEnabled()) {
            LOG.trace("connection {}: command 0x{} {}", session.connectionId(), Integer.toHexString(command),
                    b.toString(b.readerIndex(), Math.min(b.readableBytes(), 4000), StandardCharsets.UTF_8));
        }
        switch (command) {
            case COM_QUIT -> channel.close();
            case COM_PING, COM_DEBUG -> results.ok(0, 0, status(), 0);
            case COM_INIT_DB -> {
                session.useDatabase(Wire.readRestString(b));
                results.ok(0, 0, status(), 0);
            }
            case COM_QUERY -> query(io.strata.protocol.packet.QueryText.decode(b));
            case COM_FIELD_LIST -> fieldList(Wire.readNulString(b));
            case COM_STATISTICS -> out.write(out.buffer().writeBytes(session.statistics().getBytes(StandardCharsets.US_ASCII)));
            case COM_PROCESS_KILL -> {
                session.execute("KILL " + b.readUnsignedIntLE());
                results.ok(0, 0, status(), 0);
            }
            case COM_SET_OPTION -> {
                int option = b.readUnsignedShortLE();
                if (option > 1) throw MySqlErrors.unknownCommand();
                multiStatements = option == 0;
                results.end(status(), 0); // EOF, or OK with 0xFE header under CLIENT_DEPRECATE_EOF (my_eof)
            }
            case COM_RESET_CONNECTION -> {
                statements.closeAll();
                session.reset();
                results.ok(0, 0, status(), 0);
            }
            case COM_STMT_PREPARE -> prepare(Wire.readRestString(b));
            case COM_STMT_EXECUTE -> execute(b);
            case COM_STMT_SEND_LONG_DATA -> longData(b);
            case COM_STMT_CLOSE -> statements.close(b.readUnsignedIntLE());
            case COM_STMT_RESET -> {
                long id = b.readUnsignedIntLE();
                PreparedStatements.Stmt s = statements.get(id);
                if (s == null) throw MySqlErrors.unknownStatement(id, "mysqld_stmt_reset");
                s.takeLongData();
                results.ok(0, 0, status(), 0);
            }
            default -> throw MySqlErrors.unknownCommand();
        }
    }

    /** COM_QUERY, with multi-statements and multiple results. */
    private void query(String sql) throws SQLException {
        List<String> stmts = MySqlSession.split(sql);
        if (stmts.size() > 1 && !multiStatements) {
            throw MySqlErrors.syntax(stmts.get(1));
        }
        if (stmts.isEmpty()) {
            results.ok(0, 0, status(), 0);
            return;
        }
        for (int i = 0; i < stmts.size(); i++) {
            Result r;
            try {
                r = session.execute(stmts.get(i));
            } catch (SQLException e) {
                results.error(e);
                return;
            }
            boolean more = i < stmts.size() - 1;
            results.result(r, status() | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0), false, session.warningCount());
        }
    }

    /** COM_FIELD_LIST (deprecated): column definitions of a table, then EOF. */
    private void fieldList(String table) throws SQLException {
        List<ColumnInfo> cols = session.fieldList(table);
        results.definitions(cols);
        results.end(status(), 0);
    }

    /** COM_STMT_PREPARE: COM_STMT_PREPARE_OK, parameter definitions, column definitions. */
    private void prepare(String sql) throws SQLException {
        var q = session.prepare(sql);
        long id = statements.add(q);
        int params = q.parameterCount();
        List<ColumnInfo> cols = q.columns();
        out.write(StmtPrepareOk.write(out.buffer(), id, cols.size(), params, 0));
        if (params > 0) {
            for (int i = 0; i < params; i++) out.write(ColumnDefinition41.parameter(out.buffer()));
            results.eofIfNeeded(status());
        }
        if (!cols.isEmpty()) {
            results.definitions(cols);
            results.eofIfNeeded(status());
        }
    }

    /** COM_STMT_EXECUTE: binary result set or OK. */
    private void execute(ByteBuf b) throws SQLException {
        long id = StmtExecuteRequest.statementId(b);
        PreparedStatements.Stmt s = statements.get(id);
        if (s == null) throw MySqlErrors.unknownStatement(id, "mysqld_stmt_execute");
        Object[] params = StmtExecuteRequest.readParameters(b, s.types.length, s.types, s.takeLongData());
        Result r = s.query.execute(params);
        results.result(r, status(), true, session.warningCount());
    }

    /** COM_STMT_SEND_LONG_DATA: appends to a parameter; no response. */
    private void longData(ByteBuf b) {
        long id = b.readUnsignedIntLE();
        int param = b.readUnsignedShortLE();
        PreparedStatements.Stmt s = statements.get(id);
        if (s == null || param >= s.longData.length) return;
        if (s.longData[param] == null) s.longData[param] = new ByteArrayOutputStream();
        byte[] chunk = new byte[b.readableBytes()];
        b.readBytes(chunk);
        s.longData[param].writeBytes(chunk);
    }

    /** Cancels the statement being executed, if any. Thread-safe. */
    void cancelRunning() {
        session.cancel();
    }

    void close() {
        if (closed) return;
        closed = true;
        statements.closeAll();
        session.close();
    }
}
