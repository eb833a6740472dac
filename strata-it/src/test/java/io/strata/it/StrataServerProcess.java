package io.strata.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * `strata server` in a child JVM, as a user runs it: started with the test classpath, ready once it prints
 * its "ready" line, stopped politely or killed with SIGKILL ({@link Process#destroyForcibly()}). The RDS API
 * listens on any free port, so tests never collide with another server on the default port 4510.
 */
final class StrataServerProcess implements AutoCloseable {
    static final String USER = "root";
    static final String PASSWORD = "strata-test";

    final Path dataDir;
    final int port;
    final int apiPort;
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private StrataServerProcess(Path dataDir, int port, int apiPort, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.apiPort = apiPort;
        this.process = process;
    }

    /** The default cluster on {@code port}, the API on any free port (this server's API is not used). */
    static StrataServerProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        return start(dataDir, port, 0, List.of("--api-port", "0"));
    }

    /**
     * The default cluster on {@code port}, the API on {@code apiPort}, the other clusters' endpoints from
     * {@code firstClusterPort} up.
     */
    static StrataServerProcess start(Path dataDir, int port, int apiPort, int firstClusterPort)
            throws IOException, InterruptedException {
        return start(dataDir, port, apiPort, List.of("--api-port", Integer.toString(apiPort),
                "--port-range", firstClusterPort + "-65535"));
    }

    /**
     * The default cluster on {@code port}, the API on {@code apiPort} (not 0), with {@code extra} flags and
     * {@code env} added to the environment.
     */
    static StrataServerProcess start(Path dataDir, int port, int apiPort, List<String> extra, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--api-port", Integer.toString(apiPort)));
        all.addAll(extra);
        return launch(dataDir, port, apiPort, all, env);
    }

    private static StrataServerProcess start(Path dataDir, int port, int apiPort, List<String> extra)
            throws IOException, InterruptedException {
        return launch(dataDir, port, apiPort, extra, Map.of());
    }

    /** The command line of `strata server` on {@code dataDir} in a child JVM with the test classpath. */
    static List<String> command(Path dataDir, int port, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.strata.cli.StrataCli",
                "server", "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
                "--master-user", USER, "--master-password", PASSWORD));
        cmd.addAll(extra);
        return cmd;
    }

    private static StrataServerProcess launch(Path dataDir, int port, int apiPort, List<String> extra, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(dataDir, port, extra)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StrataServerProcess s = new StrataServerProcess(dataDir, port, apiPort, p);
        s.awaitReady(Duration.ofSeconds(60));
        return s;
    }

    /** The RDS API's URL, for an SDK's endpointOverride or the CLI's --api. */
    String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "strata-server-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.equals("strata: ready")) { // not contains(): "Address already in use"
                return;
            }
            if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("strata server did not become ready; output:\n" + output());
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?user=" + USER + "&password=" + PASSWORD
                + "&allowPublicKeyRetrieval=true&useSSL=false";
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
