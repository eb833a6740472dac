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

import io.strata.protocol.auth.TlsCertificates;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * @param firstClusterPort   first port for new clusters' endpoints (0: any free port, chosen by the OS)
     * @param lastClusterPort    last port for new clusters' endpoints (with a non-zero first port)
     * @param apiKeys            access key id to secret key; empty: the documented local keys test/test, which are
     *                           served on a loopback address only
     * @param maxClonesPerSource copy-on-write clones allowed per source cluster (Aurora's default: 15)
     * @param tlsCertificate     PEM certificate chain of the MySQL endpoints, with {@code tlsPrivateKey} (PKCS#8
     *                           PEM); both null: a self-signed certificate made once in DATA_DIR/tls
     * @param expiryCheck        how often clusters whose {@code strata:ttl} ran out are looked for and deleted
     * @param defaultInstanceClass the instance class the default cluster's instance is created with (its engine
     *                           cache; {@link io.strata.control.InstanceClasses}), when it is created
     */
    public record Settings(Path dataDir, String bind, int apiPort, int defaultClusterPort, int firstClusterPort,
                           int lastClusterPort, String defaultCluster, String masterUser, String masterPassword,
                           long backtrackWindowSeconds, Map<String, String> apiKeys, int maxClonesPerSource,
                           Path tlsCertificate, Path tlsPrivateKey, Duration expiryCheck, String defaultInstanceClass) {
        public Settings {
            apiKeys = Map.copyOf(apiKeys);
            expiryCheck = expiryCheck == null ? DEFAULT_EXPIRY_CHECK : expiryCheck;
            defaultInstanceClass = defaultInstanceClass == null ? DEFAULT_INSTANCE_CLASS : defaultInstanceClass;
            io.strata.control.InstanceClasses.cacheSizeMb(defaultInstanceClass); // a clear error for an unknown class
            if ((tlsCertificate == null) != (tlsPrivateKey == null)) {
                throw new IllegalArgumentException("give both a TLS certificate and its private key, or neither");
            }
        }

        /** Settings with the default instance class ({@link #DEFAULT_INSTANCE_CLASS}). */
        public Settings(Path dataDir, String bind, int apiPort, int defaultClusterPort, int firstClusterPort,
                        int lastClusterPort, String defaultCluster, String masterUser, String masterPassword,
                        long backtrackWindowSeconds, Map<String, String> apiKeys, int maxClonesPerSource,
                        Path tlsCertificate, Path tlsPrivateKey, Duration expiryCheck) {
            this(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort, defaultCluster, masterUser,
                    masterPassword, backtrackWindowSeconds, apiKeys, maxClonesPerSource, tlsCertificate, tlsPrivateKey,
                    expiryCheck, null);
        }

        /** Settings with the default expiry check ({@link #DEFAULT_EXPIRY_CHECK}). */
        public Settings(Path dataDir, String bind, int apiPort, int defaultClusterPort, int firstClusterPort,
                        int lastClusterPort, String defaultCluster, String masterUser, String masterPassword,
                        long backtrackWindowSeconds, Map<String, String> apiKeys, int maxClonesPerSource,
                        Path tlsCertificate, Path tlsPrivateKey) {
            this(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort, defaultCluster, masterUser,
                    masterPassword, backtrackWindowSeconds, apiKeys, maxClonesPerSource, tlsCertificate, tlsPrivateKey,
                    DEFAULT_EXPIRY_CHECK);
        }

        /** The local settings: test/test keys, Aurora's clone limit, a self-signed certificate, ports from {@code firstClusterPort} up. */
        public Settings(Path dataDir, String bind, int apiPort, int defaultClusterPort, int firstClusterPort,
                        String defaultCluster, String masterUser, String masterPassword, long backtrackWindowSeconds) {
            this(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, 65535, defaultCluster, masterUser,
                    masterPassword, backtrackWindowSeconds, Map.of(), ControlPlaneOptions.AURORA_CLONE_LIMIT, null, null);
        }

        public Settings withApiKeys(Map<String, String> keys) {
            return new Settings(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort,
                    defaultCluster, masterUser, masterPassword, backtrackWindowSeconds, keys, maxClonesPerSource,
                    tlsCertificate, tlsPrivateKey, expiryCheck, defaultInstanceClass);
        }

        public Settings withMaxClonesPerSource(int max) {
            return new Settings(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort,
                    defaultCluster, masterUser, masterPassword, backtrackWindowSeconds, apiKeys, max,
                    tlsCertificate, tlsPrivateKey, expiryCheck, defaultInstanceClass);
        }

        public Settings withClusterPorts(int first, int last) {
            return new Settings(dataDir, bind, apiPort, defaultClusterPort, first, last, defaultCluster, masterUser,
                    masterPassword, backtrackWindowSeconds, apiKeys, maxClonesPerSource, tlsCertificate, tlsPrivateKey, expiryCheck, defaultInstanceClass);
        }

        public Settings withTls(Path certificate, Path privateKey) {
            return new Settings(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort,
                    defaultCluster, masterUser, masterPassword, backtrackWindowSeconds, apiKeys, maxClonesPerSource,
                    certificate, privateKey, expiryCheck, defaultInstanceClass);
        }

        public Settings withExpiryCheck(Duration interval) {
            return new Settings(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort,
                    defaultCluster, masterUser, masterPassword, backtrackWindowSeconds, apiKeys, maxClonesPerSource,
                    tlsCertificate, tlsPrivateKey, interval, defaultInstanceClass);
        }

        public Settings withDefaultInstanceClass(String instanceClass) {
            return new Settings(dataDir, bind, apiPort, defaultClusterPort, firstClusterPort, lastClusterPort,
                    defaultCluster, masterUser, masterPassword, backtrackWindowSeconds, apiKeys, maxClonesPerSource,
                    tlsCertificate, tlsPrivateKey, expiryCheck, instanceClass);
        }

        Credentials credentials() {
            return apiKeys.isEmpty() ? Credentials.local() : Credentials.of(apiKeys);
        }

        TlsConfig tls() {
            return tlsCertificate == null ? TlsConfig.selfSignedIn(dataDir.resolve("tls")) : TlsConfig.pem(tlsCertificate, tlsPrivateKey);
        }
    }

    /** The class of the default cluster's instance: a 64 MiB engine cache. */
    public static final String DEFAULT_INSTANCE_CLASS = "db.strata.local";

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

    /**
     * Checks the settings, then opens everything: a setting that cannot work (a public address without keys,
     * unreadable TLS files) is refused before anything is created or written.
     *
     * @throws IllegalArgumentException for settings that cannot work, with what to do instead
     */
    public static StrataServer start(Settings s) throws IOException {
        refuseUnsafeBind(s);
        TlsConfig tls = s.tls();
        if (s.tlsCertificate() != null) {
            checkTlsFiles(tls);
        }
        Files.createDirectories(s.dataDir());
        MySqlServer mysql = new MySqlServer(tls);
        ControlPlane cp = null;
        try {
            ControlPlaneOptions opts = ControlPlaneOptions.defaults().withEndpointAddress(s.bind())
                    .withPortRange(s.firstClusterPort(), s.firstClusterPort() == 0 ? 65535 : s.lastClusterPort())
                    .withMaxClonesPerSource(s.maxClonesPerSource());
            cp = ControlPlane.open(s.dataDir(), new EngineClusterRuntime(mysql, ENGINE), opts);
            ClusterInfo cluster = ensureDefaultCluster(cp, s);
            ApiServer api = ApiServer.start(cp, s.bind(), s.apiPort(), s.credentials());
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

    private static void refuseUnsafeBind(Settings s) {
        InetAddress address;
        try {
            address = InetAddress.getByName(s.bind());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the bind address " + s.bind() + ": use an IP address such as 127.0.0.1");
        }
        if (!address.isLoopbackAddress() && s.apiKeys().isEmpty()) {
            throw new IllegalArgumentException("refusing to bind " + s.bind() + " with the local test/test API keys:"
                    + " configure access keys (--api-key-file, or STRATA_API_ACCESS_KEY and STRATA_API_SECRET_KEY),"
                    + " or bind 127.0.0.1");
        }
    }

    private static void checkTlsFiles(TlsConfig tls) {
        for (Path p : new Path[] {tls.certificate(), tls.privateKey()}) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read the TLS file " + p + ": give a readable PEM file");
            }
        }
        try {
            TlsCertificates.context(tls);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + tls.certificate() + " with key "
                    + tls.privateKey() + " (a PEM certificate chain and a PKCS#8 PEM private key): " + e.getMessage());
        }
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
        cp.createInstance(new NewInstance(s.defaultCluster() + "-1", s.defaultCluster(), s.defaultInstanceClass(), "aurora-mysql"));
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
