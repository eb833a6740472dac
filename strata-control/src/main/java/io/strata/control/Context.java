package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.catalog.ControlCatalog;
import io.strata.storage.PageStore;
import io.strata.storage.RestorableRange;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What every action family shares: the store, the catalog, the endpoints, the options, and the rules common to
 * several actions. Called only with the {@link ControlPlane}'s lock held.
 */
final class Context {
    /** Aurora's largest backtrack window: 72 hours. */
    static final long MAX_WINDOW_SECONDS = 259_200;
    static final String COPY_ON_WRITE = "copy-on-write";
    static final String FULL_COPY = "full-copy";

    final PageStore store;
    final ControlCatalog catalog;
    final Endpoints endpoints;
    final ControlPlaneOptions options;

    Context(PageStore store, ControlCatalog catalog, Endpoints endpoints, ControlPlaneOptions options) {
        this.store = store;
        this.catalog = catalog;
        this.endpoints = endpoints;
        this.options = options;
    }

    ClusterRecord cluster(String id) {
        String key = Identifiers.lookup("DBClusterIdentifier", id);
        return catalog.cluster(key).orElseThrow(() ->
                Fault.DB_CLUSTER_NOT_FOUND.error("DBCluster " + key + " not found."));
    }

    void requireNewClusterId(String id) {
        if (catalog.cluster(id).isPresent()) {
            throw Fault.DB_CLUSTER_ALREADY_EXISTS.error("DB Cluster already exists: " + id);
        }
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

    /** The volume keeps history for the longer of the backtrack window and the point-in-time restore window. */
    static VolumeOptions volumeOptions(long windowSeconds, int retentionDays) {
        return VolumeOptions.withRetention(Duration.ofSeconds(Math.max(windowSeconds, retentionDays * 86_400L)));
    }

    static long checkWindow(Long seconds) {
        long w = seconds == null ? 0 : seconds;
        if (w < 0 || w > MAX_WINDOW_SECONDS) {
            throw Fault.INVALID_PARAMETER_VALUE.error("The BacktrackWindow must be between 0 and " + MAX_WINDOW_SECONDS
                    + " seconds (72 hours); got " + w + ".");
        }
        return w;
    }

    int port(Integer requested) {
        Set<Integer> taken = takenPorts();
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

    private Set<Integer> takenPorts() {
        Set<Integer> taken = new HashSet<>();
        catalog.clusters().forEach(c -> taken.add(c.port()));
        return taken;
    }

    ClusterInfo info(ClusterRecord c) {
        Instant now = Instant.now();
        Instant earliest = null;
        Instant earliestBacktrack = null;
        if (c.status() != ClusterStatus.CREATING) {
            RestorableRange r = volume(c).range();
            earliest = r.earliestRestorable();
            if (c.backtrackWindowSeconds() > 0) {
                earliestBacktrack = earliestBacktrack(c, r, now);
            }
        }
        return new ClusterInfo(c, catalog.instancesOf(c.id()), endpoints.address(), earliest, now, earliestBacktrack);
    }

    /** The later of the volume's first point (a clone's creation) and the start of the backtrack window. */
    static Instant earliestBacktrack(ClusterRecord c, RestorableRange r, Instant now) {
        Instant windowStart = now.minusSeconds(c.backtrackWindowSeconds());
        return r.earliestRestorable().isAfter(windowStart) ? r.earliestRestorable() : windowStart;
    }

    /** Starts the endpoint iff the cluster should serve: it is available and has an instance. */
    void startIfServing(ClusterRecord c) {
        if (c.status() == ClusterStatus.AVAILABLE && !catalog.instancesOf(c.id()).isEmpty()) {
            endpoints.start(c, volume(c));
        }
    }
}
