package io.strata.client;

import io.strata.client.wire.Shape;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java client of Strata's RDS-compatible API: clone, backtrack, restore, snapshot, describe, delete and
 * wait, with typed requests, results and errors. It speaks the RDS Query protocol itself (HTTP POST signed
 * with SigV4, the JDK's HttpClient), so it has no dependencies; what it sends is what the AWS SDK sends, and
 * any AWS SDK's RDS client can drive the same server.
 *
 * <pre>{@code
 * StrataClient strata = StrataClient.fromEnvironment();           // STRATA_API, else http://127.0.0.1:4510
 * Cluster dev = strata.clone(CloneRequest.latest(ClusterId.of("prod"), ClusterId.of("dev"))
 *         .withMasterPassword("dev-secret-1").withTtl("2h"));    // copy-on-write, O(1), with its endpoint
 * String url = dev.endpoint().jdbcUrl("shop", "dev-secret-1");
 * ...
 * strata.deleteCluster(dev.id());                                // its instance, then the cluster
 * }</pre>
 *
 * <p>Errors: the API's refusals are {@link StrataApiException}s (with kinds such as
 * {@link StrataApiException.NotFound}); an unreachable API is {@link StrataUnavailableException}.
 *
 * <p>Thread-safe: one client may be shared by any number of threads.
 */
public final class StrataClient {
    /** Where {@code strata server} serves the API by default. */
    public static final String DEFAULT_API = "http://127.0.0.1:4510";
    static final String ENGINE = "aurora-mysql";
    static final String INSTANCE_CLASS = "db.r6g.large";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private final Transport transport;

    private StrataClient(Transport transport) {
        this.transport = transport;
    }

    /** A client of the API at {@code api} with the given access keys. */
    public static StrataClient create(URI api, String accessKey, String secretKey) {
        return new StrataClient(new Transport(api, accessKey, secretKey));
    }

    /**
     * A client of the API at {@code apiUrl}, with the keys from STRATA_ACCESS_KEY_ID and
     * STRATA_SECRET_ACCESS_KEY, else the local server's test/test keys.
     */
    public static StrataClient create(String apiUrl) {
        URI uri;
        try {
            uri = URI.create(apiUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Strata API address '" + apiUrl + "' is not a URL: use e.g. " + DEFAULT_API);
        }
        return create(uri, System.getenv().getOrDefault("STRATA_ACCESS_KEY_ID", "test"),
                System.getenv().getOrDefault("STRATA_SECRET_ACCESS_KEY", "test"));
    }

    /** A client of the API named by the system property {@code strata.api}, else STRATA_API, else {@link #DEFAULT_API}. */
    public static StrataClient fromEnvironment() {
        return create(configuredApi().orElse(DEFAULT_API));
    }

    /** The API address the environment names: system property {@code strata.api}, else STRATA_API. */
    public static Optional<String> configuredApi() {
        String p = System.getProperty("strata.api");
        if (p != null && !p.isBlank()) {
            return Optional.of(p);
        }
        String e = System.getenv("STRATA_API");
        return e == null || e.isBlank() ? Optional.empty() : Optional.of(e);
    }

    public URI api() {
        return transport.api();
    }

    // ---- clusters ----

    /** CreateDBCluster, then (unless asked not to) CreateDBInstance {@code ID-1}, and waits until it serves. */
    public Cluster createCluster(CreateClusterRequest r) {
        Map<String, String> p = params("DBClusterIdentifier", r.id.value(), "Engine", ENGINE,
                "MasterUsername", r.masterUsername, "MasterUserPassword", r.masterPassword,
                "DatabaseName", r.databaseName,
                "BacktrackWindow", r.backtrackWindowSeconds == null ? null : r.backtrackWindowSeconds.toString(),
                "Port", r.port == null ? null : r.port.toString(),
                "DeletionProtection", r.deletionProtection ? "true" : null);
        putTags(p, r.tags);
        transport.call("CreateDBCluster", p);
        return withInstance(r.id, r.instance);
    }

    public Cluster describeCluster(ClusterId id) {
        return Cluster.from(call("DescribeDBClusters", "DBClusterIdentifier", id.value()).list("DBClusters").get(0));
    }

    /** The cluster, or empty if there is none of that name. */
    public Optional<Cluster> findCluster(ClusterId id) {
        try {
            return Optional.of(describeCluster(id));
        } catch (StrataApiException.NotFound e) {
            return Optional.empty();
        }
    }

    public List<Cluster> describeClusters() {
        return call("DescribeDBClusters").list("DBClusters").stream().map(Cluster::from).toList();
    }

    /**
     * ModifyDBCluster, applied immediately; null leaves a setting as it is. A new password restarts a running
     * endpoint (its connections close).
     */
    public Cluster modifyCluster(ClusterId id, Duration backtrackWindow, String masterPassword, Boolean deletionProtection) {
        return Cluster.from(call("ModifyDBCluster", "DBClusterIdentifier", id.value(), "ApplyImmediately", "true",
                "BacktrackWindow", backtrackWindow == null ? null : Long.toString(backtrackWindow.toSeconds()),
                "MasterUserPassword", masterPassword,
                "DeletionProtection", deletionProtection == null ? null : deletionProtection.toString())
                .child("DBCluster").orElseThrow());
    }

    /**
     * A clone or restore ({@link CloneRequest}): RestoreDBClusterToPointInTime (RestoreType copy-on-write unless
     * full copy) or RestoreDBClusterFromSnapshot; then the master password if one is given (before the endpoint
     * first answers); then CreateDBInstance {@code TARGET-1}; then waits until the endpoint accepts connections.
     * If a step after the restore fails, the half-made cluster is deleted before the error is thrown.
     */
    public Cluster clone(CloneRequest r) {
        return clone(r, percent -> { });
    }

    /**
     * {@link #clone(CloneRequest)}, telling {@code copyProgress} how far a full copy has come (0-100) while the
     * server copies in the background (the cluster is {@code creating} meanwhile; a copy-on-write clone is
     * available at once and reports nothing).
     */
    public Cluster clone(CloneRequest r, java.util.function.IntConsumer copyProgress) {
        Map<String, String> p;
        String action;
        String window = r.backtrackWindowSeconds == null ? null : r.backtrackWindowSeconds.toString();
        if (r.snapshot != null) {
            action = "RestoreDBClusterFromSnapshot";
            p = params("DBClusterIdentifier", r.target.value(), "SnapshotIdentifier", r.snapshot.value(),
                    "Engine", ENGINE, "BacktrackWindow", window);
        } else {
            action = "RestoreDBClusterToPointInTime";
            p = params("DBClusterIdentifier", r.target.value(), "SourceDBClusterIdentifier", r.source.value(),
                    "RestoreType", r.fullCopy ? "full-copy" : "copy-on-write",
                    "RestoreToTime", r.at == null ? null : r.at.toString(),
                    "UseLatestRestorableTime", r.at == null ? "true" : null, "BacktrackWindow", window);
        }
        putTags(p, r.tags);
        transport.call(action, p);
        try {
            awaitCopied(r.target, copyProgress);
            if (r.masterPassword != null) {
                modifyCluster(r.target, null, r.masterPassword, null);
            }
            return withInstance(r.target, r.instance);
        } catch (RuntimeException e) {
            try {
                deleteCluster(r.target);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Polls while the cluster is {@code creating} (a full copy runs), reporting its progress; fails if the copy fails. */
    private void awaitCopied(ClusterId id, java.util.function.IntConsumer progress) {
        while (true) {
            Cluster c = describeCluster(id);
            if (!c.status().equals("creating")) {
                if (c.status().equals("failed")) {
                    throw new StrataException("the copy into " + id + " failed (the server's log says why)");
                }
                return;
            }
            progress.accept(c.percentProgress().orElse(0));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StrataException("interrupted while " + id + " was being copied (the copy goes on)");
            }
        }
    }

    private Cluster withInstance(ClusterId id, boolean instance) {
        if (!instance) {
            return describeCluster(id);
        }
        call("CreateDBInstance", "DBInstanceIdentifier", instanceId(id), "DBClusterIdentifier", id.value(),
                "Engine", ENGINE, "DBInstanceClass", INSTANCE_CLASS);
        return waitUntilAvailable(id, DEFAULT_WAIT);
    }

    /** The instance id the client gives a cluster's one instance. */
    static String instanceId(ClusterId id) {
        return id.value() + "-1";
    }

    /**
     * Polls until the cluster is available with an instance and its endpoint accepts a TCP connection.
     *
     * @throws StrataTimeoutException if that does not happen within {@code timeout}
     */
    public Cluster waitUntilAvailable(ClusterId id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Cluster c;
        while (true) {
            c = describeCluster(id);
            if (c.isServing() && answers(c.endpoint())) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new StrataTimeoutException("cluster " + id + " did not become available within " + timeout
                        + " (status " + c.status() + ", " + c.instances().size() + " instance(s))");
            }
            sleep(50);
        }
    }

    private static boolean answers(Endpoint e) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(e.host(), e.port()), 1000);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException("interrupted while waiting", e);
        }
    }

    /**
     * Deletes the cluster's instances (its endpoint stops; open connections close), then the cluster, without a
     * final snapshot. Returns the cluster as it was shown while being deleted.
     */
    public Cluster deleteCluster(ClusterId id) {
        return deleteCluster(id, null);
    }

    /** As {@link #deleteCluster(ClusterId)}, keeping a final snapshot under {@code finalSnapshot} if it is not null. */
    public Cluster deleteCluster(ClusterId id, SnapshotId finalSnapshot) {
        // Checked first: the server would refuse the cluster only after its instances were gone.
        if (describeCluster(id).deletionProtection()) {
            throw new StrataException("cluster " + id + " has deletion protection; nothing was deleted. Turn it off first"
                    + " (strata cluster modify " + id + " --no-deletion-protection, or ModifyDBCluster with"
                    + " DeletionProtection=false)");
        }
        Shape instances = call("DescribeDBInstances", "Filters.Filter.1.Name", "db-cluster-id",
                "Filters.Filter.1.Values.Value.1", id.value());
        for (Shape i : instances.list("DBInstances")) {
            try {
                call("DeleteDBInstance", "DBInstanceIdentifier", i.get("DBInstanceIdentifier"), "SkipFinalSnapshot", "true");
            } catch (StrataApiException.NotFound e) {
                // deleted meanwhile
            }
        }
        return Cluster.from(call("DeleteDBCluster", "DBClusterIdentifier", id.value(),
                "SkipFinalSnapshot", finalSnapshot == null ? "true" : "false",
                "FinalDBSnapshotIdentifier", finalSnapshot == null ? null : finalSnapshot.value())
                .child("DBCluster").orElseThrow());
    }

    /** Deletes the cluster if it exists; returns whether it did. */
    public boolean deleteClusterIfExists(ClusterId id) {
        try {
            deleteCluster(id);
            return true;
        } catch (StrataApiException.NotFound e) {
            return false;
        }
    }

    // ---- tags (time-to-live) ----

    /**
     * AddTagsToResource on the cluster. A {@link Tags#TTL} tag given here counts from now: the way to extend or
     * shorten a cluster's life.
     */
    public Cluster addTags(ClusterId id, Map<String, String> tags) {
        Map<String, String> p = params("ResourceName", arn(id));
        putTags(p, tags);
        transport.call("AddTagsToResource", p);
        return describeCluster(id);
    }

    /** RemoveTagsFromResource on the cluster; removing {@link Tags#TTL} makes it live until deleted. */
    public Cluster removeTags(ClusterId id, Collection<String> keys) {
        Map<String, String> p = params("ResourceName", arn(id));
        int n = 1;
        for (String k : keys) {
            p.put("TagKeys.member." + n++, k);
        }
        transport.call("RemoveTagsFromResource", p);
        return describeCluster(id);
    }

    private String arn(ClusterId id) {
        return describeCluster(id).shape().get("DBClusterArn");
    }

    private static void putTags(Map<String, String> p, Map<String, String> tags) {
        int n = 1;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            p.put("Tags.Tag." + n + ".Key", t.getKey());
            p.put("Tags.Tag." + n + ".Value", t.getValue());
            n++;
        }
    }

    // ---- backtracks ----

    /** BacktrackDBCluster: rewinds the cluster in place to {@code to} (its connections close; the endpoint reopens). */
    public Backtrack backtrack(ClusterId id, Instant to) {
        return backtrack(id, to, false);
    }

    /** As {@link #backtrack(ClusterId, Instant)}; with {@code earliestIfUnavailable}, a time too early goes to the earliest. */
    public Backtrack backtrack(ClusterId id, Instant to, boolean earliestIfUnavailable) {
        return Backtrack.from(call("BacktrackDBCluster", "DBClusterIdentifier", id.value(), "BacktrackTo", to.toString(),
                "UseEarliestTimeOnPointInTimeUnavailable", earliestIfUnavailable ? "true" : null));
    }

    /** DescribeDBClusterBacktracks: newest first. */
    public List<Backtrack> backtracks(ClusterId id) {
        return call("DescribeDBClusterBacktracks", "DBClusterIdentifier", id.value()).list("DBClusterBacktracks")
                .stream().map(Backtrack::from).toList();
    }

    // ---- snapshots ----

    public Snapshot createSnapshot(ClusterId cluster, SnapshotId snapshot) {
        return Snapshot.from(call("CreateDBClusterSnapshot", "DBClusterIdentifier", cluster.value(),
                "DBClusterSnapshotIdentifier", snapshot.value()).child("DBClusterSnapshot").orElseThrow());
    }

    /** Every snapshot, or those of {@code cluster} if it is not null. */
    public List<Snapshot> snapshots(ClusterId cluster) {
        return call("DescribeDBClusterSnapshots", "DBClusterIdentifier", cluster == null ? null : cluster.value())
                .list("DBClusterSnapshots").stream().map(Snapshot::from).toList();
    }

    public Optional<Snapshot> findSnapshot(SnapshotId id) {
        try {
            return call("DescribeDBClusterSnapshots", "DBClusterSnapshotIdentifier", id.value())
                    .list("DBClusterSnapshots").stream().map(Snapshot::from).findFirst();
        } catch (StrataApiException.NotFound e) {
            return Optional.empty();
        }
    }

    public Snapshot deleteSnapshot(SnapshotId id) {
        return Snapshot.from(call("DeleteDBClusterSnapshot", "DBClusterSnapshotIdentifier", id.value())
                .child("DBClusterSnapshot").orElseThrow());
    }

    // ---- any action ----

    /**
     * Calls any RDS action with parameters as name, value pairs (null values are left out) and returns its
     * {@code <ActionResult>} element: for what the typed methods do not cover.
     */
    public Shape call(String action, String... params) {
        return transport.call(action, params(params));
    }

    private static Map<String, String> params(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come as name, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put(pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

}
