package io.strata.control;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per cluster and per snapshot, named by identifier ({@link #cluster}, {@link #snapshot}). An action
 * holds the locks of everything it changes for its whole length (stopping and starting engines included), so
 * actions on different clusters run side by side and Describe* (which takes none) never waits for them.
 *
 * <p>Deadlock freedom: {@link #with} takes its locks in one global order (sorted names), and no one takes a
 * lock here while holding the catalog's monitor. Locks are reentrant, so an action may call another action's
 * code that names the same things. A lock object is kept once made (a few bytes per name ever used).
 */
final class Locks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    static String cluster(String id) {
        return "cluster:" + (id == null ? "" : id.toLowerCase(Locale.ROOT));
    }

    static String snapshot(String id) {
        return "snapshot:" + (id == null ? "" : id.toLowerCase(Locale.ROOT));
    }

    /** Runs {@code action} holding the named locks. */
    <T> T with(List<String> names, Supplier<T> action) {
        List<ReentrantLock> held = names.stream().distinct().sorted()
                .map(n -> locks.computeIfAbsent(n, k -> new ReentrantLock())).toList();
        int taken = 0;
        try {
            for (ReentrantLock l : held) {
                l.lock();
                taken++;
            }
            return action.get();
        } finally {
            for (int i = taken - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    <T> T with(String name, Supplier<T> action) {
        return with(List.of(name), action);
    }
}
