package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.storage.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running endpoints of the clusters, and the only user of {@link ClusterRuntime}. Also chooses each new
 * cluster's port, which the catalog then keeps for the cluster's life.
 *
 * <p>Concurrency: thread-safe. {@link #start} and {@link #stop} of one cluster are called with that cluster's
 * lock held (so never concurrently for one cluster, as {@link ClusterRuntime} requires); different clusters'
 * endpoints start and stop concurrently. {@link #allocatePort} is called with the catalog's monitor held.
 */
final class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private final ClusterRuntime runtime;
    private final String address;
    private final int firstPort;
    private final int lastPort;
    private final Map<String, RunningEndpoint> running = new ConcurrentHashMap<>();

    Endpoints(ClusterRuntime runtime, String address, int firstPort, int lastPort) {
        this.runtime = runtime;
        this.address = address;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
    }

    String address() {
        return address;
    }

    boolean isRunning(String clusterId) {
        return running.containsKey(clusterId);
    }

    /** Starts the cluster's endpoint on its own port, its engine with a cache of {@code cacheSizeMb}, unless it runs. */
    void start(ClusterRecord c, Volume volume, int cacheSizeMb) {
        if (running.containsKey(c.id())) {
            return;
        }
        try {
            running.put(c.id(), runtime.start(volume, address, c.port(), c.masterUsername(), c.masterPassword(),
                    cacheSizeMb));
        } catch (IOException | RuntimeException e) {
            throw new ControlException(Fault.ENDPOINT_UNAVAILABLE, "cannot start the endpoint of cluster " + c.id()
                    + " on " + address + ":" + c.port() + ": " + e.getMessage()
                    + " (free the port, then StopDBCluster and StartDBCluster, or restart the server)", e);
        }
    }

    /** Best effort at startup: a cluster whose port is taken stays down, the others come up. */
    void startOrLog(ClusterRecord c, Volume volume, int cacheSizeMb) {
        try {
            start(c, volume, cacheSizeMb);
        } catch (ControlException e) {
            LOG.error(e.getMessage(), e);
        }
    }

    /** Closes the endpoint and its engine (every connection with it); no-op if it is not running. */
    void stop(String clusterId) {
        RunningEndpoint e = running.remove(clusterId);
        if (e != null) {
            e.close();
        }
    }

    void stopAll() {
        for (String id : Set.copyOf(running.keySet())) {
            try {
                stop(id);
            } catch (RuntimeException e) {
                LOG.warn("closing the endpoint of {} failed", id, e);
            }
        }
    }

    /** A port no other cluster has and that can be bound now: from firstPort to lastPort, or any with firstPort 0. */
    int allocatePort(Set<Integer> taken) {
        if (firstPort == 0) {
            for (int tries = 0; tries < 100; tries++) {
                int p = probe(0);
                if (p > 0 && !taken.contains(p)) {
                    return p;
                }
            }
        } else {
            for (int p = firstPort; p <= lastPort; p++) {
                if (!taken.contains(p) && probe(p) == p) {
                    return p;
                }
            }
        }
        if (firstPort == 0) {
            throw Fault.INVALID_PARAMETER_VALUE.error("no free port for a new cluster endpoint on " + address);
        }
        throw Fault.DB_CLUSTER_QUOTA_EXCEEDED.error("No free port in " + firstPort + "-" + lastPort + " on " + address
                + " for a new cluster endpoint: delete a cluster, pass a Port outside the range, or restart the server"
                + " with a wider range (strata server --port-range FIRST-LAST).");
    }

    /** Checks that {@code port} is free (or asks the OS for a free one with 0); returns it, or -1. */
    int probe(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return s.getLocalPort();
        } catch (IOException e) {
            return -1;
        }
    }
}
