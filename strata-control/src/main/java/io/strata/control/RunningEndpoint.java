package io.strata.control;

/**
 * A cluster's running engine and MySQL endpoint, as returned by {@link ClusterRuntime#start}.
 *
 * <p>Concurrency: thread-safe; {@link #close()} may be called while connections are active and is idempotent.
 */
public interface RunningEndpoint extends AutoCloseable {
    /** The port actually listened on. */
    int port();

    /** Closes every client connection; the endpoint keeps accepting new ones. */
    void closeAllConnections();

    /**
     * Stops listening, closes every connection and closes the engine, so the volume can be rewound or deleted.
     * Returns once nothing touches the volume any more.
     */
    @Override
    void close();
}
