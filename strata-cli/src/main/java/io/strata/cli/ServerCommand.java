package io.strata.cli;

import io.strata.control.ClusterInfo;
import io.strata.server.StrataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * `strata server`: runs the service on a data directory — the RDS API, and a MySQL endpoint per cluster,
 * starting with the default cluster — until stopped (Ctrl-C or SIGTERM).
 */
@Command(name = "server", description = "Run Strata: the RDS-compatible API and a MySQL endpoint per cluster.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Where everything is stored (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:STRATA_DATA_DIR:-${sys:user.home}/.strata/data}")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address the API and every MySQL endpoint listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--api-port", defaultValue = "4510", description = "Port of the RDS API (default: ${DEFAULT-VALUE}; 0: any free port).")
    int apiPort;

    @Option(names = "--port", defaultValue = "3306", description = "MySQL port of the default cluster (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--port-range", defaultValue = "3307-3999",
            description = "Ports for the other clusters' endpoints, as FIRST-LAST (default: ${DEFAULT-VALUE}).")
    String portRange;

    @Option(names = "--cluster", defaultValue = "default", description = "Name of the default cluster (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--master-user", defaultValue = "root", description = "Master user of the default cluster (default: ${DEFAULT-VALUE}).")
    String masterUser;

    @Option(names = "--master-password", defaultValue = "strata-root",
            description = "Master password of the default cluster (default: ${DEFAULT-VALUE}).")
    String masterPassword;

    @Option(names = "--backtrack-window", defaultValue = "86400",
            description = "Backtrack window of the default cluster in seconds, 0-259200 (default: ${DEFAULT-VALUE}).")
    long backtrackWindow;

    @Override
    public Integer call() throws Exception {
        int firstPort = Integer.parseInt(portRange.split("-")[0].trim());
        StrataServer server = StrataServer.start(new StrataServer.Settings(dataDir, bind, apiPort, port, firstPort, cluster,
                masterUser, masterPassword, backtrackWindow));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "strata-shutdown"));
        System.out.println("strata: data directory " + dataDir.toAbsolutePath());
        System.out.println("strata: RDS API " + server.apiUrl() + " (access key test, secret key test; region us-east-1)");
        ClusterInfo c = server.defaultCluster();
        if (c != null) {
            int p = c.record().port();
            System.out.printf("strata: cluster %s: MySQL on %s:%d, user %s%n", c.record().id(), c.endpointAddress(), p,
                    c.record().masterUsername());
            System.out.printf("strata:   mariadb -h%s -P%d -u%s -p%s%n", c.endpointAddress(), p, c.record().masterUsername(),
                    masterPassword);
            System.out.printf("strata:   jdbc:mysql://%s:%d/?user=%s&password=...%n", c.endpointAddress(), p,
                    c.record().masterUsername());
        }
        System.out.println("strata: ready");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
