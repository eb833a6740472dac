package io.strata.protocol.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.strata.engine.mysql.MySqlErrors;
import io.strata.engine.mysql.MySqlSession;
import io.strata.engine.mysql.SessionRegistry;
import io.strata.protocol.AuthPlugin;
import io.strata.protocol.auth.Authenticator;
import io.strata.protocol.auth.Scrambles;
import io.strata.protocol.auth.ZeroConfigTls;
import io.netty.handler.ssl.SslHandler;
import io.strata.protocol.packet.Capabilities;
import io.strata.protocol.packet.ErrPacket;
import io.strata.protocol.packet.HandshakeResponse41;
import io.strata.protocol.packet.HandshakeV10;
import io.strata.protocol.packet.OkPacket;
import io.strata.protocol.packet.Packet;
import io.strata.protocol.packet.PacketWriter;
import io.strata.protocol.packet.ServerStatus;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the connection phase (greeting, TLS upgrade via
 * {@link io.strata.protocol.packet.PacketDecoder}, authentication), then opening the engine session and the
 * command phase. Everything runs on the connection's own event loop thread (the server gives each
 * connection one), so a statement runs where its packet was read and its response is written without a
 * hand-over; a statement that blocks (a lock wait, a commit's fsync) blocks only this connection. Any
 * protocol violation closes this connection only.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html">Connection Phase</a>
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    /** Name of the pipeline handler that bounds the connection phase; removed once authenticated. */
    public static final String HANDSHAKE_TIMEOUT = "handshake-timeout";

    private enum Phase { HANDSHAKE, OPENING, COMMAND, CLOSED }

    private final EndpointConfig endpoint;
    private final long connectionId = SessionRegistry.nextConnectionId();
    private final byte[] nonce = Scrambles.nonce();
    private PacketWriter out;
    private volatile Phase phase = Phase.HANDSHAKE;
    private boolean tls;
    private HandshakeResponse41 hello;
    private Authenticator auth;
    /** Info of the OK that ends authentication (MariaDB's zero-configuration TLS proof), or null. */
    private byte[] okInfo;
    private volatile CommandHandler commands;
    /** Set by {@link #stopStatements}: packets still arriving are dropped, the connection is closing. */
    private volatile boolean stopping;
    /** Completed once the channel is inactive and its engine session closed. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    public ConnectionHandler(EndpointConfig endpoint) {
        this.endpoint = endpoint;
    }

    private int serverCapabilities() {
        return Capabilities.SERVER | (endpoint.sslContext() != null ? Capabilities.CLIENT_SSL : 0);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        out = new PacketWriter(ctx.channel());
        out.sequence(0);
        out.write(HandshakeV10.write(out.buffer(), endpoint.serverVersion(), connectionId, nonce, serverCapabilities(),
                ServerStatus.AUTOCOMMIT, announcedPlugin().pluginName()));
        out.flush();
    }

    /**
     * The plugin the greeting names. With TLS: mysql_native_password, as MariaDB 11.4 servers do, since
     * MariaDB's clients verify a self-signed certificate only after authenticating with it (see
     * {@link ZeroConfigTls}) and refuse at once a greeting naming caching_sha2_password. Without TLS: the
     * account's plugin, else caching_sha2_password, like MySQL 8 (default_authentication_plugin). Either
     * way, a client answering with another plugin than the account's gets an AuthSwitchRequest.
     */
    private AuthPlugin announcedPlugin() {
        if (endpoint.sslContext() != null) return AuthPlugin.MYSQL_NATIVE_PASSWORD;
        AuthPlugin account = endpoint.credentials().plugin();
        return account != null ? account : AuthPlugin.CACHING_SHA2_PASSWORD;
    }


    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet p = (Packet) msg;
        if (stopping) {
            p.payload().release();
            return;
        }
        if (phase == Phase.COMMAND) {
            commands.handle(p); // on this connection's own thread: see the class comment
            return;
        }
        try {
            if (phase != Phase.HANDSHAKE) throw new IllegalStateException("unexpected packet before OK");
            connectionPhase(ctx, p);
        } catch (RuntimeException e) {
            LOG.debug("connection {}: malformed handshake: {}", connectionId, e.toString());
            fail(ctx, MySqlErrors.error(MySqlErrors.ER_MALFORMED_PACKET, "HY000", "Malformed communication packet"));
        } finally {
            p.payload().release();
        }
    }

    private void connectionPhase(ChannelHandlerContext ctx, Packet p) {
        out.sequence(p.sequenceId() + 1);
        ByteBuf payload = p.payload();
        Authenticator.Step step;
        if (hello == null) {
            if (HandshakeResponse41.isSslRequest(payload)) {
                if (tls || endpoint.sslContext() == null) throw new IllegalStateException("unexpected SSLRequest");
                tls = true; // PacketDecoder has inserted the SslHandler
                return;
            }
            hello = HandshakeResponse41.read(payload);
            if (endpoint.sslContext() != null && !tls && (hello.capabilities() & Capabilities.CLIENT_SSL) != 0) {
                throw new IllegalStateException("CLIENT_SSL without SSLRequest");
            }
            auth = new Authenticator(endpoint.credentials(), nonce, tls, endpoint.rsaKeys(),
                    endpoint.credentials().forceFullAuth(), ZeroConfigTls.mariaDbClient(hello.attributes()));
            step = auth.start(hello.user(), hello.authResponse(), hello.authPlugin());
            LOG.debug("connection {}: user {} plugin {} tls {} -> {}", connectionId, hello.user(), hello.authPlugin(),
                    tls, step.send().isEmpty() ? step.status() : (step.send().get(0)[0] == (byte) 0xFE ? "auth switch"
                    : "more data"));
        } else {
            step = auth.next(ByteBufUtil.getBytes(payload));
        }
        for (byte[] b : step.send()) out.write(out.buffer().writeBytes(b));
        switch (step.status()) {
            case CONTINUE -> out.flush();
            case FAILURE -> fail(ctx, MySqlErrors.accessDenied(hello.user(), clientHost(ctx), auth.passwordUsed()));
            case SUCCESS -> {
                out.flush();
                okInfo = certificateProof(ctx);
                if (ctx.pipeline().get(HANDSHAKE_TIMEOUT) != null) ctx.pipeline().remove(HANDSHAKE_TIMEOUT);
                phase = Phase.OPENING;
                openSession(ctx);
            }
        }
    }

    /**
     * The final OK's info over TLS after mysql_native_password with a password: MariaDB's zero-configuration
     * TLS proof ({@link ZeroConfigTls}), which lets MariaDB's clients accept the self-signed certificate.
     * Null otherwise.
     */
    private byte[] certificateProof(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null || auth.plugin() != AuthPlugin.MYSQL_NATIVE_PASSWORD || endpoint.credentials().password().isEmpty()) {
            return null;
        }
        java.security.cert.Certificate[] local = ssl.engine().getSession().getLocalCertificates();
        return local == null || local.length == 0 ? null
                : ZeroConfigTls.proof(endpoint.credentials().password(), nonce, local[0]);
    }

    private void openSession(ChannelHandlerContext ctx) {
        MySqlSession session = null;
        try {
            Connection conn = endpoint.factory().open();
            session = new MySqlSession(conn, endpoint.registry(), connectionId, hello.user(), clientHost(ctx),
                    () -> {
                        stopStatements();
                        ctx.channel().close();
                    });
            if (hello.database() != null) session.useDatabase(hello.database());
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl != null) session.tls(ssl.engine().getSession().getProtocol(), ssl.engine().getSession().getCipherSuite());
            commands = new CommandHandler(ctx.channel(), out, session, hello.capabilities() & serverCapabilities());
            phase = Phase.COMMAND;
            out.write(okInfo == null ? OkPacket.ok(out.buffer(), 0, 0, ServerStatus.AUTOCOMMIT, 0)
                    : OkPacket.ok(out.buffer(), 0, 0, ServerStatus.AUTOCOMMIT, 0, okInfo));
            out.flush();
            if (!ctx.channel().isActive()) closeSession();
        } catch (SQLException e) {
            if (session != null) session.close();
            fail(ctx, MySqlErrors.translate(e));
        } catch (RuntimeException e) {
            LOG.warn("connection {}: cannot open engine session", connectionId, e);
            if (session != null) session.close();
            fail(ctx, MySqlErrors.error(MySqlErrors.ER_UNKNOWN_ERROR, "HY000", String.valueOf(e.getMessage())));
        }
    }

    private void fail(ChannelHandlerContext ctx, SQLException e) {
        phase = Phase.CLOSED;
        out.write(ErrPacket.write(out.buffer(), e.getErrorCode(), e.getSQLState(), e.getMessage()));
        out.flush();
        ctx.channel().close();
    }

    private static String clientHost(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getHostString() : "localhost";
    }

    /**
     * Cancels the statement this connection runs, if any, and makes it ignore further commands, so that a
     * close requested by another thread (a backtrack closing every connection) is not held up by it.
     * Thread-safe; the caller then closes the channel.
     */
    public void stopStatements() {
        stopping = true;
        CommandHandler c = commands;
        if (c != null) c.cancelRunning();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phase = Phase.CLOSED;
        try {
            closeSession(); // no statement runs: they run on this thread
        } finally {
            closed.complete(null);
        }
    }

    /**
     * Completes once the connection is closed and its engine session with it. The channel's close future
     * completes earlier: Netty runs channelInactive (and so this session's close) as a later task on the
     * connection's loop, and removes the channel from its group after waking waiters.
     */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    private void closeSession() {
        CommandHandler c = commands;
        if (c != null) c.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} closed: {}", connectionId, cause.toString());
        ctx.channel().close();
    }
}
