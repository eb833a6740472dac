package io.strata.cli.run;

import io.strata.client.ClusterId;
import io.strata.client.StrataClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@code strata run} must undo if it is stopped (Ctrl-C, SIGTERM): the test processes it started and the
 * clones it made. Each run registers its clone before asking for it and its process when it starts it, and
 * takes them back when it tears down itself; {@link #onSignal} (the shutdown hook) ends whatever is still
 * registered. A clone is torn down once: whoever takes it from the registry first does it.
 *
 * <p>Thread-safe: runs register from their threads, the hook runs on its own.
 */
final class Teardown {
    private final StrataClient client;
    private final boolean keepClones;
    private final Set<ClusterId> clones = new LinkedHashSet<>();
    private final Set<Process> processes = new LinkedHashSet<>();
    private volatile boolean stopping;

    Teardown(StrataClient client, boolean keepClones) {
        this.client = client;
        this.keepClones = keepClones;
    }

    synchronized void add(ClusterId clone) {
        clones.add(clone);
    }

    /** Takes a clone back for its run to tear down; false if the hook has taken it already. */
    synchronized boolean take(ClusterId clone) {
        return clones.remove(clone);
    }

    synchronized void add(Process p) {
        processes.add(p);
    }

    synchronized void remove(Process p) {
        processes.remove(p);
    }

    /** True once the run is being stopped by a signal. */
    boolean stopping() {
        return stopping;
    }

    /** The shutdown hook: ends the test processes, then deletes every clone still registered (unless kept). */
    void onSignal(PrintStream err) {
        stopping = true;
        List<Process> ps;
        List<ClusterId> cs;
        synchronized (this) {
            ps = new ArrayList<>(processes);
            cs = new ArrayList<>(clones);
            clones.clear();
        }
        if (ps.isEmpty() && cs.isEmpty()) {
            return;
        }
        err.println("strata run: stopped; ending the tests and tearing down");
        ps.forEach(p -> ProcessTree.destroy(p, 5_000));
        for (ClusterId c : cs) {
            if (keepClones) {
                err.println("strata run: kept clone " + c + " (keep: always)");
                continue;
            }
            try {
                client.deleteClusterIfExists(c);
                err.println("strata run: deleted clone " + c);
            } catch (RuntimeException e) {
                err.println("strata run: could not delete clone " + c + " (" + e.getMessage() + "); its time-to-live"
                        + " will: or strata cluster delete " + c);
            }
        }
        err.flush();
    }
}
