package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import io.strata.storage.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The running endpoints of the clusters, and the only user of {@link ClusterRuntime}. Also chooses each new
 * cluster's port, which the catalog then keeps for the cluster's life.
 *
 * <p>Concurrency: called with the control plane's lock held.
 */
final class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private final ClusterRuntime runtime;
    private final String address;
    private final int firstPort;
    private final Map<String, RunningEndpoint> running = new HashMap<>();

    Endpoints(ClusterRuntime runtime, String address, int firstPort) {
        this.runtime = runtime;
        this.address = address;
        this.firstPort = firstPort;
    }

    String address() {
        return address;
    }

    boolean isRunning(String clusterId) {
        return running.containsKey(clusterId);
    }

    /** Starts the cluster's endpoint on its own port unless it runs already. */
    void start(ClusterRecord c, Volume volume) {
        if (running.containsKey(c.id())) {
            return;
        }
        try {
            running.put(c.id(), runtime.start(volume, address, c.port(), c.masterUsername(), c.masterPassword()));
        } catch (IOException | RuntimeException e) {
            throw new ControlException(Fault.ENDPOINT_UNAVAILABLE, "cannot start the endpoint of cluster " + c.id()
                    + " on " + address + ":" + c.port() + ": " + e.getMessage()
                    + " (free the port, then StopDBCluster and StartDBCluster, or restart the server)", e);
        }
    }

    /** Best effort at startup: a cluster whose port is taken stays down, the others come up. */
    void startOrLog(ClusterRecord c, Volume volume) {
        try {
            start(c, volume);
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

    /** A port no other cluster has and that can be bound now. */
    int allocatePort(Set<Integer> taken) {
        if (firstPort == 0) {
            for (int tries = 0; tries < 100; tries++) {
                int p = probe(0);
                if (p > 0 && !taken.contains(p)) {
                    return p;
                }
            }
        } else {
            for (int p = firstPort; p <= 65535; p++) {
                if (!taken.contains(p) && probe(p) == p) {
                    return p;
                }
            }
        }
        throw Fault.INVALID_PARAMETER_VALUE.error("no free port for a new cluster endpoint on " + address);
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
