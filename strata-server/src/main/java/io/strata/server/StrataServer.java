package io.strata.server;

import io.strata.api.ApiServer;
import io.strata.api.Credentials;
import io.strata.control.ClusterInfo;
import io.strata.control.ControlException;
import io.strata.control.ControlPlane;
import io.strata.control.ControlPlaneOptions;
import io.strata.control.Fault;
import io.strata.control.NewCluster;
import io.strata.control.NewInstance;
import io.strata.engine.EngineOptions;
import io.strata.protocol.MySqlServer;
import io.strata.protocol.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole service on one data directory: the control plane (clusters, clones, backtracks, snapshots), the
 * RDS-compatible API, and every cluster's engine and MySQL endpoint. On first start it creates the default
 * cluster, so a plain {@code strata server} is a MySQL server right away.
 */
public final class StrataServer implements AutoCloseable {
    /**
     * What {@code strata server} is started with.
     *
     * @param expiryCheck how often clusters whose {@code strata:ttl} ran out are looked for and deleted
     */
    public record Settings(Path dataDir, String bind, int apiPort, int defaultClusterPort, int firstClusterPort,
                           String defaultCluster, String masterUser, String masterPassword, long backtrackWindowSeconds,
                           Duration expiryCheck) {

        /** Settings with the default expiry check ({@link #DEFAULT_EXPIRY_CHECK}). */
        public Settings(Path dataDir, String bind, int apiPort, int defaultClusterPort, int firstClusterPort,
                        String defaultCluster, String masterUser, String masterPassword, long backtrackWindowSeconds) {
            this(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, defaultCluster, masterUser, masterPassword,
                    backtrackWindowSeconds, DEFAULT_EXPIRY_CHECK);
        }
    }

    /** Expired clusters are deleted within this long of their expiry. */
    public static final Duration DEFAULT_EXPIRY_CHECK = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(StrataServer.class);

    /**
     * The engine settings of every cluster. No compaction at close (H2's default spends up to 200 ms there): an
     * engine closes at every backtrack, stop and password change, and on a versioned volume rewriting live chunks
     * only adds page versions to keep; the space H2 frees in the file it reuses while it runs.
     */
    static final EngineOptions ENGINE = EngineOptions.defaults().withMaxCompactTime(Duration.ZERO)
            .withRetentionTime(Duration.ofSeconds(1));

    private final MySqlServer mysql;
    private final ControlPlane controlPlane;
    private final ApiServer api;
    private final ClusterInfo defaultCluster;
    private final ScheduledExecutorService expiry;

    private StrataServer(MySqlServer mysql, ControlPlane controlPlane, ApiServer api, ClusterInfo defaultCluster,
                         ScheduledExecutorService expiry) {
        this.mysql = mysql;
        this.controlPlane = controlPlane;
        this.api = api;
        this.defaultCluster = defaultCluster;
        this.expiry = expiry;
    }

    public static StrataServer start(Settings s) throws IOException {
        Files.createDirectories(s.dataDir());
        MySqlServer mysql = new MySqlServer(TlsConfig.selfSignedIn(s.dataDir().resolve("tls")));
        ControlPlane cp = null;
        try {
            ControlPlaneOptions opts = ControlPlaneOptions.defaults().withEndpointAddress(s.bind())
                    .withFirstPort(s.firstClusterPort());
            cp = ControlPlane.open(s.dataDir(), new EngineClusterRuntime(mysql, ENGINE), opts);
            ClusterInfo cluster = ensureDefaultCluster(cp, s);
            ApiServer api = ApiServer.start(cp, s.bind(), s.apiPort(), Credentials.local());
            return new StrataServer(mysql, cp, api, cluster, startExpiry(cp, s.expiryCheck()));
        } catch (IOException | RuntimeException e) {
            if (cp != null) {
                cp.close();
            }
            mysql.close();
            throw e;
        }
    }

    /**
     * The background task that deletes clusters whose time-to-live ran out: first at once (a deadline passed
     * while the server was down is kept at start), then every {@code interval}.
     */
    private static ScheduledExecutorService startExpiry(ControlPlane cp, Duration interval) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-expiry");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                cp.deleteExpired(Instant.now());
            } catch (RuntimeException e) {
                // A closed control plane at shutdown, or a bug: keep the task alive, say what happened.
                LOG.warn("the expiry check failed: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    /** The default cluster and its instance, created on the first start; later starts find them in the catalog. */
    private static ClusterInfo ensureDefaultCluster(ControlPlane cp, Settings s) {
        if (s.defaultCluster() == null || s.defaultCluster().isEmpty()) {
            return null;
        }
        try {
            return cp.describeClusters(s.defaultCluster()).get(0);
        } catch (ControlException e) {
            if (e.fault() != Fault.DB_CLUSTER_NOT_FOUND) {
                throw e;
            }
        }
        cp.createCluster(new NewCluster(s.defaultCluster(), "aurora-mysql", null, s.masterUser(), s.masterPassword(),
                null, s.backtrackWindowSeconds(), null, s.defaultClusterPort(), false));
        cp.createInstance(new NewInstance(s.defaultCluster() + "-1", s.defaultCluster(), "db.strata.local", "aurora-mysql"));
        List<ClusterInfo> info = cp.describeClusters(s.defaultCluster());
        return info.get(0);
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    public String apiUrl() {
        return api.url();
    }

    /** The default cluster as it was at start (null if none was asked for). */
    public ClusterInfo defaultCluster() {
        return defaultCluster;
    }

    @Override
    public void close() {
        // shutdown, not shutdownNow: an interrupt in the middle of a delete could close the store's file channels.
        expiry.shutdown();
        try {
            // The check holds the control plane's lock while it deletes: let a running one finish first.
            expiry.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        controlPlane.close();
        mysql.close();
    }
}
