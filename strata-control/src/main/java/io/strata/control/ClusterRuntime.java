package io.strata.control;

import io.strata.storage.Volume;

import java.io.IOException;

/**
 * Runs a cluster's database engine and MySQL endpoint over its volume. The lead composes the real one from
 * {@code io.strata.engine.Database} and {@code io.strata.protocol.MySqlServer}.
 *
 * <p>Concurrency contract: the control plane calls {@link #start} for a given cluster only while no endpoint of
 * that cluster is running, and never concurrently for the same cluster; different clusters may start
 * concurrently from different threads.
 */
public interface ClusterRuntime {
    /**
     * Opens the engine on {@code volume} and listens on {@code bindAddress:port}; returns once the endpoint
     * accepts connections. Credentials are the cluster's master user; {@code cacheSizeMb} is the engine's page
     * cache, from the instance class ({@link InstanceClasses}).
     *
     * @throws IOException if the port cannot be bound or the engine cannot open
     */
    RunningEndpoint start(Volume volume, String bindAddress, int port, String masterUser, String masterPassword,
                          int cacheSizeMb) throws IOException;
}
