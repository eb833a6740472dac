package io.strata.protocol;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.strata.engine.ConnectionFactory;
import io.strata.engine.mysql.SessionRegistry;
import io.strata.engine.mysql.SystemVariables;
import io.strata.protocol.auth.RsaKeys;
import io.strata.protocol.auth.TlsCertificates;
import io.strata.protocol.packet.PacketDecoder;
import io.strata.protocol.session.ConnectionHandler;
import io.strata.protocol.session.EndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MySQL wire-protocol server: one Netty event loop group accepting connections for any number of
 * endpoints, one TCP port per database cluster, each with its own {@link ConnectionFactory} and
 * {@link Credentials}; each accepted connection then runs on a thread of its own ({@link ConnectionLoops}),
 * which reads its packets, executes its statements and writes the responses.
 *
 * <p>Thread-safe.
 */
public final class MySqlServer implements AutoCloseable {
    /** Largest accepted client packet (joined from 16 MiB chunks). */
    public static final long MAX_PACKET_SIZE = 1L << 30;
    private static final Logger LOG = LoggerFactory.getLogger(MySqlServer.class);
    /** How long closing connections waits for a closed channel's session to close before it goes on. */
    private static final long SESSION_CLOSE_WAIT_SECONDS = 30;

    private final TlsConfig tlsConfig;
    private final Map<Integer, Endpoint> endpoints = new LinkedHashMap<>();
    private EventLoopGroup group;
    private ConnectionLoops connectionLoops;
    private SslContext sslContext;
    private KeyPair rsaKeys;

    private record Endpoint(Channel serverChannel, ChannelGroup connections, SessionRegistry registry) {}

    /** A server without TLS. */
    public MySqlServer() {
        this(TlsConfig.disabled());
    }

    public MySqlServer(TlsConfig tls) {
        this.tlsConfig = tls;
    }

    /**
     * Starts an endpoint.
     *
     * @param bindAddress e.g. "127.0.0.1" or "0.0.0.0"
     * @param port the port, or 0 for an ephemeral one
     * @return the bound port
     */
    public synchronized int start(String bindAddress, int port, Credentials credentials, ConnectionFactory factory) {
        ensureStarted();
        SessionRegistry registry = new SessionRegistry();
        EndpointConfig config = new EndpointConfig(credentials, factory, registry, sslContext, rsaKeys,
                SystemVariables.VERSION, MAX_PACKET_SIZE);
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap().group(group, connectionLoops).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        // like MySQL's connect_timeout: the connection phase must complete in time
                        ch.pipeline().addLast(ConnectionHandler.HANDSHAKE_TIMEOUT,
                                new io.netty.handler.timeout.ReadTimeoutHandler(10));
                        SslContext ssl = config.sslContext();
                        ch.pipeline().addLast("packets", new PacketDecoder(config.maxPacketSize(),
                                ssl == null ? null : () -> ssl.newHandler(ch.alloc())));
                        ch.pipeline().addLast("mysql", new ConnectionHandler(config));
                    }
                });
        Channel server = b.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly().channel();
        int bound = ((InetSocketAddress) server.localAddress()).getPort();
        endpoints.put(bound, new Endpoint(server, connections, registry));
        return bound;
    }

    private void ensureStarted() {
        if (group != null) return;
        try {
            sslContext = tlsConfig.enabled() ? TlsCertificates.context(tlsConfig) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up TLS", e);
        }
        rsaKeys = RsaKeys.generate();
        group = new NioEventLoopGroup(1);
        connectionLoops = new ConnectionLoops("strata-mysql-conn-");
    }

    /** Ports of the running endpoints. */
    public synchronized List<Integer> ports() {
        return new ArrayList<>(endpoints.keySet());
    }

    /** Number of open client connections on an endpoint. */
    public synchronized int connectionCount(int port) {
        Endpoint e = endpoints.get(port);
        return e == null ? 0 : e.connections().size();
    }

    /**
     * Closes every client connection of one endpoint; the endpoint keeps accepting new ones. A statement
     * running on a connection is cancelled first (its thread would otherwise finish it before closing).
     */
    public synchronized void closeAllConnections(int port) {
        Endpoint e = endpoints.get(port);
        if (e != null) close(e.connections());
    }

    /** Closes every client connection of every endpoint (used before a backtrack), as {@link #closeAllConnections(int)}. */
    public synchronized void closeAllConnections() {
        for (Endpoint e : endpoints.values()) close(e.connections());
    }

    /**
     * Closes the channels and waits until each is closed and its engine session with it, so that callers
     * (a backtrack, which closes the engine next) find no session open and {@link #connectionCount} at 0.
     * Waits on each channel rather than on the group's close: a channel that closed on its own a moment ago
     * may still be in the group while its loop, shut down with it, drops the close task queued for it, and
     * that task's future never completes.
     */
    private static void close(ChannelGroup connections) {
        List<Channel> open = new ArrayList<>(connections);
        List<ConnectionHandler> handlers = new ArrayList<>(open.size()); // taken now: a closed pipeline drops them
        for (Channel c : open) {
            ConnectionHandler h = c.pipeline().get(ConnectionHandler.class);
            handlers.add(h);
            if (h != null) h.stopStatements();
            c.close();
        }
        for (int i = 0; i < open.size(); i++) {
            open.get(i).closeFuture().awaitUninterruptibly();
            if (handlers.get(i) != null) awaitSessionClosed(open.get(i), handlers.get(i));
        }
    }

    private static void awaitSessionClosed(Channel c, ConnectionHandler h) {
        try {
            h.closed().get(SESSION_CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("connection {}: its session did not close within {} s of its channel", c, SESSION_CLOSE_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops one endpoint: unbinds its port and closes its connections. */
    public synchronized void stop(int port) {
        Endpoint e = endpoints.remove(port);
        if (e != null) {
            e.serverChannel().close().awaitUninterruptibly();
            close(e.connections());
        }
    }

    /** Stops all endpoints and releases threads. The server may be started again. */
    public synchronized void stop() {
        for (Integer port : new ArrayList<>(endpoints.keySet())) stop(port);
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
            connectionLoops.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
            connectionLoops = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
