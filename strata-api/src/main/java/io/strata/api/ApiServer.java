package io.strata.api;

import com.sun.net.httpserver.HttpServer;
import io.strata.control.ControlPlane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Strata's RDS-compatible API server: the RDS Query protocol over HTTP on {@code bind:port}, in front of one
 * {@link ControlPlane}. Point an AWS SDK's RDS client at {@link #url()} with region us-east-1.
 *
 * <p>On a loopback address without configured keys it accepts the documented local keys test/test; binding
 * any other address without configured keys is refused at start.
 */
public final class ApiServer implements AutoCloseable {
    /** The region and account that ARNs carry. */
    public static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    private final HttpServer http;
    private final ExecutorService workers;

    private ApiServer(HttpServer http, ExecutorService workers) {
        this.http = http;
        this.workers = workers;
    }

    /**
     * Starts serving; port 0 picks a free one ({@link #port()}).
     *
     * @throws IllegalArgumentException if {@code bind} is not a loopback address and no keys are configured
     */
    public static ApiServer start(ControlPlane cp, String bind, int port, Credentials credentials) throws IOException {
        InetAddress address = InetAddress.getByName(bind);
        if (!address.isLoopbackAddress() && !credentials.configured()) {
            throw new IllegalArgumentException("refusing to serve the API on " + bind + " with the local test/test keys:"
                    + " configure access keys, or bind 127.0.0.1");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "strata-api");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/", new RdsHandler(cp, credentials, new Shapes(REGION, ACCOUNT)));
        http.start();
        return new ApiServer(http, workers);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The URL to give an SDK's endpointOverride or the CLI's --api. */
    public String url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Stops accepting requests, lets running ones finish (up to a second), and stops. */
    @Override
    public void close() {
        http.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
