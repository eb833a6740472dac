package io.strata.junit;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.StrataClient;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * One clone made for a test class or method, kept in that context's store: closing the context (after the
 * class or the method, whatever the outcome) deletes the clone.
 *
 * <p>Its reset point is the clone's state when its first test begins (after the class's {@code @BeforeAll}
 * methods), taken from the server's own clock (LatestRestorableTime), so a server on another machine with
 * another clock is backtracked to the right state. Thread-safe.
 */
final class CloneHandle implements ExtensionContext.Store.CloseableResource {
    private final StrataClient client;
    private final Cluster cluster;
    private final StrataDatabase database;
    /** Held by a {@link StrataReset} test from its reset to its end: such tests of one clone run one at a time. */
    private final Semaphore exclusive = new Semaphore(1);
    private Instant resetPoint;

    CloneHandle(StrataClient client, Cluster cluster, StrataDatabase database) {
        this.client = client;
        this.cluster = cluster;
        this.database = database;
    }

    ClusterId id() {
        return cluster.id();
    }

    Cluster cluster() {
        return cluster;
    }

    StrataDatabase database() {
        return database;
    }

    /** At the beginning of each test: the first one marks the reset point. */
    synchronized void markIfFirst() {
        if (resetPoint == null) {
            resetPoint = client.describeCluster(cluster.id()).latestRestorable();
            try {
                // The server's clock must pass the mark before the test's first commit gets its time.
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Before a {@link StrataReset} test: takes the clone for itself, then backtracks it to the reset point. */
    void reset() throws InterruptedException {
        exclusive.acquire();
        try {
            boolean first;
            synchronized (this) {
                first = resetPoint == null;
            }
            if (first) {
                markIfFirst();
            } else {
                client.backtrack(cluster.id(), resetPoint);
            }
        } catch (RuntimeException e) {
            exclusive.release();
            throw e;
        }
    }

    /** After a {@link StrataReset} test. */
    void release() {
        exclusive.release();
    }

    /** Deletes the clone (and its instance). */
    @Override
    public void close() {
        client.deleteClusterIfExists(cluster.id());
    }
}
