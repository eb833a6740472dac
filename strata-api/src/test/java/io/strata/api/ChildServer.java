package io.strata.api;

import io.strata.control.ControlPlane;
import io.strata.control.ControlPlaneOptions;
import io.strata.control.testing.TcpClusterRuntime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The API server as its own JVM, for kill -9 tests: {@code ChildServer DATA_DIR PORT_FILE} opens the control
 * plane over DATA_DIR with the TCP runtime, serves the API on 127.0.0.1 and writes the API port to PORT_FILE.
 */
public final class ChildServer {
    private ChildServer() {
    }

    public static void main(String[] args) throws Exception {
        ControlPlane cp = ControlPlane.open(Path.of(args[0]), new TcpClusterRuntime(), ControlPlaneOptions.defaults());
        ApiServer server = ApiServer.start(cp, "127.0.0.1", 0, Credentials.local());
        Path portFile = Path.of(args[1]);
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(server.port()));
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts a child JVM running {@link #main} and waits until its API answers; returns it and its API URL. */
    static Running start(Path dataDir, Path work) throws Exception {
        Path portFile = work.resolve("port-" + System.nanoTime());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ChildServer.class.getName(),
                dataDir.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("child-" + System.nanoTime() + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the child API server did not start; see its log in " + work);
            }
            Thread.sleep(50);
        }
        return new Running(p, "http://127.0.0.1:" + Files.readString(portFile).trim());
    }

    record Running(Process process, String url) {
        /** kill -9: no shutdown hook, no close, no checkpoint. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
