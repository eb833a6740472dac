package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.ControlCatalog;
import io.strata.control.catalog.InstanceRecord;
import io.strata.storage.PageStore;
import io.strata.storage.RestorableRange;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * What every action family shares: the store, the catalog, the endpoints, the locks, the running copies, the
 * options, and the rules common to several actions.
 *
 * <p>Concurrency: the fields are thread-safe. Methods that change a cluster are called with that cluster's lock
 * held ({@link Locks}); {@link #info} and the lookups take none.
 */
final class Context {
    /** Aurora's largest backtrack window: 72 hours. */
    static final long MAX_WINDOW_SECONDS = 259_200;
    /**
     * How far before the window start a BacktrackTo is still taken: the window start moves with the clock, so an
     * EarliestBacktrackTime that DescribeDBClusters showed a moment ago must still be accepted when sent back.
     * Volumes keep this much history beyond the window ({@link #volumeOptions}).
     */
    static final Duration WINDOW_SLACK = Duration.ofSeconds(60);
    static final String COPY_ON_WRITE = "copy-on-write";
    static final String FULL_COPY = "full-copy";

    final PageStore store;
    final ControlCatalog catalog;
    final Endpoints endpoints;
    final ControlPlaneOptions options;
    final Locks locks = new Locks();
    final FullCopies copies;

    Context(PageStore store, ControlCatalog catalog, Endpoints endpoints, ControlPlaneOptions options) {
        this.store = store;
        this.catalog = catalog;
        this.endpoints = endpoints;
        this.options = options;
        this.copies = new FullCopies(this);
    }

    ClusterRecord cluster(String id) {
        String key = Identifiers.lookup("DBClusterIdentifier", id);
        return catalog.cluster(key).orElseThrow(() ->
                Fault.DB_CLUSTER_NOT_FOUND.error("DBCluster " + key + " not found."));
    }

    void requireStatus(ClusterRecord c, ClusterStatus expected, String action) {
        if (c.status() != expected) {
            throw Fault.INVALID_DB_CLUSTER_STATE.error("DbCluster " + c.id() + " is in status " + c.status().wire()
                    + "; " + action + " needs it to be " + expected.wire() + ".");
        }
    }

    Volume volume(ClusterRecord c) {
        return store.volume(c.volumeName()).orElseThrow(() -> Fault.ENDPOINT_UNAVAILABLE.error(
                "the storage volume " + c.volumeName() + " of cluster " + c.id() + " is missing"));
    }

    /** A volume name no volume ever had: names may be reused by storage after a delete, ours never are. */
    static String newVolumeName(String kind, String id) {
        return kind + "-" + id + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The volume keeps history for the longer of the backtrack window (plus {@link #WINDOW_SLACK}) and the
     * point-in-time restore window.
     */
    static VolumeOptions volumeOptions(long windowSeconds, int retentionDays) {
        long window = windowSeconds == 0 ? 0 : windowSeconds + WINDOW_SLACK.toSeconds();
        return VolumeOptions.withRetention(Duration.ofSeconds(Math.max(window, retentionDays * 86_400L)));
    }

    static long checkWindow(Long seconds) {
        long w = seconds == null ? 0 : seconds;
        if (w < 0 || w > MAX_WINDOW_SECONDS) {
            throw Fault.INVALID_PARAMETER_VALUE.error("The BacktrackWindow must be between 0 and " + MAX_WINDOW_SECONDS
                    + " seconds (72 hours); got " + w + ".");
        }
        return w;
    }

    /**
     * Adds a new cluster's record, made by {@code make} from the port it gets, as one step: no other cluster can
     * take the same name or port meanwhile. Not committed: the caller commits once storage is ready.
     */
    ClusterRecord addCluster(String id, Integer requestedPort, IntFunction<ClusterRecord> make) {
        synchronized (catalog) {
            if (catalog.cluster(id).isPresent()) {
                throw Fault.DB_CLUSTER_ALREADY_EXISTS.error("DB Cluster already exists: " + id);
            }
            ClusterRecord c = make.apply(port(requestedPort));
            catalog.put(c);
            return c;
        }
    }

    private int port(Integer requested) {
        Set<Integer> taken = new HashSet<>();
        catalog.clusters().forEach(c -> taken.add(c.port()));
        if (requested == null || requested == 0) {
            return endpoints.allocatePort(taken);
        }
        if (requested < 1150 || requested > 65535) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Invalid port " + requested + ": must be between 1150 and 65535.");
        }
        if (taken.contains(requested)) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Port " + requested + " is already the port of another cluster.");
        }
        if (endpoints.probe(requested) != requested) {
            throw Fault.INVALID_PARAMETER_VALUE.error("Port " + requested + " is in use on " + endpoints.address()
                    + ": choose another, or leave Port out for a free one.");
        }
        return requested;
    }

    /**
     * The cluster as Describe shows it now. Times are whole milliseconds, as the API writes them: earliest times
     * rounded up and latest rounded down, so a time shown is one the actions accept when it is sent back.
     */
    ClusterInfo info(ClusterRecord c) {
        Instant now = Instant.now();
        Instant earliest = null;
        Instant latest = null;
        Instant earliestBacktrack = null;
        Optional<Volume> volume = c.status() == ClusterStatus.CREATING || c.status() == ClusterStatus.FAILED
                ? Optional.empty() : store.volume(c.volumeName());
        if (volume.isPresent()) {
            try {
                RestorableRange r = volume.get().range();
                earliest = ceilMillis(r.earliestRestorable());
                latest = floorMillis(now);
                if (c.backtrackWindowSeconds() > 0) {
                    earliestBacktrack = earliestBacktrack(c, r, now);
                }
            } catch (RuntimeException e) {
                // deleted by an action running now: shown without times
            }
        }
        return new ClusterInfo(c, catalog.instancesOf(c.id()), endpoints.address(), earliest, latest,
                earliestBacktrack, c.status() == ClusterStatus.CREATING ? copies.percent(c.id()) : null);
    }

    /**
     * The later of the volume's first point (a clone's creation) and the start of the backtrack window, rounded
     * up to the millisecond.
     */
    static Instant earliestBacktrack(ClusterRecord c, RestorableRange r, Instant now) {
        Instant windowStart = now.minusSeconds(c.backtrackWindowSeconds());
        Instant first = r.earliestRestorable();
        return ceilMillis(first.isAfter(windowStart) ? first : windowStart);
    }

    static Instant ceilMillis(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.MILLIS);
        return down.equals(t) ? t : down.plusMillis(1);
    }

    static Instant floorMillis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The engine cache of a cluster: its first instance's (every instance of a cluster shares its one engine). */
    int cacheSizeMb(ClusterRecord c) {
        List<InstanceRecord> instances = catalog.instancesOf(c.id());
        if (instances.isEmpty()) {
            return InstanceClasses.cacheSizeMb(InstanceClasses.DEFAULT);
        }
        InstanceRecord first = instances.get(0);
        return first.cacheSizeMb() > 0 ? first.cacheSizeMb() : InstanceClasses.cacheSizeMbOrDefault(first.instanceClass());
    }

    /** Starts the endpoint iff the cluster should serve: it is available and has an instance. */
    void startIfServing(ClusterRecord c) {
        if (c.status() == ClusterStatus.AVAILABLE && !catalog.instancesOf(c.id()).isEmpty()) {
            endpoints.start(c, volume(c), cacheSizeMb(c));
        }
    }
}
