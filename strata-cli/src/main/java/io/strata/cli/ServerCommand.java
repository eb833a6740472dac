package io.strata.cli;

import io.strata.control.ClusterInfo;
import io.strata.control.ControlPlaneOptions;
import io.strata.server.StrataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * `strata server`: runs the service on a data directory — the RDS API, and a MySQL endpoint per cluster,
 * starting with the default cluster — until stopped (Ctrl-C or SIGTERM). Settings that cannot work are refused
 * before anything is created: a non-loopback {@code --bind} without configured API keys, a malformed
 * {@code --port-range}, unreadable TLS files.
 */
@Command(name = "server", description = "Run Strata: the RDS-compatible API and a MySQL endpoint per cluster.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Where everything is stored (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:STRATA_DATA_DIR:-${sys:user.home}/.strata/data}")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address the API and every MySQL endpoint listen on (default: ${DEFAULT-VALUE}). Any other"
                    + " than a loopback address needs configured API keys.")
    String bind;

    @Option(names = "--api-port", defaultValue = "4510", description = "Port of the RDS API (default: ${DEFAULT-VALUE}; 0: any free port).")
    int apiPort;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "API access keys, one 'ACCESS_KEY_ID SECRET_ACCESS_KEY' a line ('#' comments). Also:"
                    + " STRATA_API_ACCESS_KEY and STRATA_API_SECRET_KEY. Default: the local keys test/test (loopback only).")
    Path apiKeyFile;

    @Option(names = "--port", defaultValue = "3306", description = "MySQL port of the default cluster (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--port-range", defaultValue = "3307-3999", paramLabel = "FIRST-LAST",
            description = "Ports for the other clusters' endpoints (default: ${DEFAULT-VALUE}; 0: any free port).")
    String portRange;

    @Option(names = "--max-clones-per-source", defaultValue = "" + ControlPlaneOptions.AURORA_CLONE_LIMIT, paramLabel = "N",
            description = "Copy-on-write clones allowed per source cluster (default: ${DEFAULT-VALUE}, Aurora's).")
    int maxClones;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain of the MySQL endpoints (with --tls-key;"
            + " default: a self-signed certificate made once in DATA_DIR/tls).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--cluster", defaultValue = "default", description = "Name of the default cluster (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--master-user", defaultValue = "root", description = "Master user of the default cluster (default: ${DEFAULT-VALUE}).")
    String masterUser;

    @Option(names = "--master-password", defaultValue = "strata-root",
            description = "Master password of the default cluster when it is created (default: ${DEFAULT-VALUE}).")
    String masterPassword;

    @Option(names = "--backtrack-window", defaultValue = "86400",
            description = "Backtrack window of the default cluster in seconds, 0-259200 (default: ${DEFAULT-VALUE}).")
    long backtrackWindow;

    @Option(names = "--instance-class", defaultValue = StrataServer.DEFAULT_INSTANCE_CLASS, paramLabel = "CLASS",
            description = "Instance class of the default cluster when it is created: its engine cache, e.g. db.r6g.large"
                    + " (128 MiB) or db.strata.1024m (1 GiB) (default: ${DEFAULT-VALUE}, 64 MiB).")
    String instanceClass;

    @Override
    public Integer call() throws Exception {
        int[] range = ServerSettings.portRange(portRange);
        if (maxClones < 1) {
            throw new IllegalArgumentException("--max-clones-per-source " + maxClones + ": give 1 or more (Aurora's default is 15)");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("give --tls-cert and --tls-key together (PEM certificate chain and its private key)");
        }
        ServerSettings.Keys keys = ServerSettings.apiKeys(apiKeyFile, System.getenv());
        StrataServer.Settings settings = new StrataServer.Settings(dataDir, bind, apiPort, port, range[0], range[1],
                cluster, masterUser, masterPassword, backtrackWindow, keys.keys(), maxClones, tlsCert, tlsKey)
                .withDefaultInstanceClass(instanceClass);
        StrataServer server = StrataServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "strata-shutdown"));
        printReady(System.out, server, keys);
        stopped.await();
        return 0;
    }

    /** The lines a user reads at start: where everything is and how to connect, with the cluster's real password. */
    void printReady(PrintStream out, StrataServer server, ServerSettings.Keys keys) {
        out.println("strata: data directory " + dataDir.toAbsolutePath());
        out.println("strata: RDS API " + server.apiUrl() + " (" + keys.description() + "; region us-east-1)");
        out.println("strata: MySQL TLS certificate " + (tlsCert == null
                ? dataDir.toAbsolutePath().resolve("tls").resolve("server-cert.pem") + " (self-signed)" : tlsCert));
        ClusterInfo c = server.defaultCluster();
        if (c != null) {
            int p = c.record().port();
            String user = c.record().masterUsername();
            out.printf("strata: cluster %s: MySQL on %s:%d, user %s%n", c.record().id(), c.endpointAddress(), p, user);
            out.printf("strata:   mariadb -h%s -P%d -u%s -p%s%n", c.endpointAddress(), p, user, c.record().masterPassword());
            out.printf("strata:   jdbc:mysql://%s:%d/?user=%s&password=...%n", c.endpointAddress(), p, user);
            if (!c.record().masterPassword().equals(masterPassword) || !user.equals(masterUser)) {
                out.printf("strata:   (cluster %s already existed: it keeps its own master user and password;"
                        + " change the password with `strata cluster modify %s --master-password P`)%n", c.record().id(), c.record().id());
            }
        }
        out.println("strata: ready");
        out.flush();
    }
}
