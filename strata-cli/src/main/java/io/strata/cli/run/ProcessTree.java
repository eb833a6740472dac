package io.strata.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started: SIGTERM to all of them, then SIGKILL to what is left after a grace period. */
final class ProcessTree {
    private ProcessTree() {
    }

    static void destroy(Process p, long graceMillis) {
        // Collect the descendants first: once their parent is gone they are re-parented and cannot be found.
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still alive: killed below
                }
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
