package io.strata.control.testing;

import io.strata.control.ClusterRuntime;
import io.strata.control.RunningEndpoint;
import io.strata.storage.Volume;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ClusterRuntime} without an engine: a plain TCP listener on the cluster's port. Each connection gets
 * one line naming the volume, then may send lines {@code put SLOT TEXT} (write a {@link Probe} record and mark a
 * point, answered {@code ok}) or {@code get SLOT} (answered with the text). Enough to see that an endpoint
 * answers, on which port, over which volume, to write and read data in another JVM, and that a backtrack or a
 * delete closes connections.
 */
public final class TcpClusterRuntime implements ClusterRuntime {
    /** Endpoints started over the life of this runtime (a restart starts them again). */
    public final AtomicInteger starts = new AtomicInteger();
    /** The engine cache the last start was asked for. */
    public volatile int lastCacheSizeMb;
    /** When set, every start waits for this latch (an engine that takes long to open). */
    public volatile CountDownLatch holdStarts;
    /** When set, the next endpoint close stops listening, then fails with this message (an engine that did not close). */
    public volatile String failNextClose;

    @Override
    public RunningEndpoint start(Volume volume, String bindAddress, int port, String user, String password,
                                 int cacheSizeMb) throws IOException {
        lastCacheSizeMb = cacheSizeMb;
        CountDownLatch hold = holdStarts;
        if (hold != null) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        starts.incrementAndGet();
        Set<Socket> clients = ConcurrentHashMap.newKeySet();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    clients.add(s);
                    Thread session = new Thread(() -> serve(s, volume), "tcp-session-" + port);
                    session.setDaemon(true);
                    session.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-endpoint-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return new RunningEndpoint() {
            @Override
            public int port() {
                return server.getLocalPort();
            }

            @Override
            public void closeAllConnections() {
                for (Socket s : clients) {
                    closeQuietly(s);
                }
                clients.clear();
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // closing a listener cannot fail in a way a test cares about
                }
                String fail = failNextClose;
                if (fail != null) {
                    failNextClose = null;
                    closeAllConnections();
                    throw new IllegalStateException(fail);
                }
                closeAllConnections();
                try {
                    acceptor.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static void serve(Socket s, Volume volume) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            out.write(volume.name() + "\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.split(" ", 3);
                if (w[0].equals("put") && w.length == 3) {
                    Probe.put(volume, Integer.parseInt(w[1]), w[2]);
                    out.write("ok\n");
                } else if (w[0].equals("get") && w.length == 2) {
                    out.write(Probe.get(volume, Integer.parseInt(w[1])) + "\n");
                } else {
                    out.write("error: use 'put SLOT TEXT' or 'get SLOT'\n");
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the connection or the volume was closed under us: the session ends
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
