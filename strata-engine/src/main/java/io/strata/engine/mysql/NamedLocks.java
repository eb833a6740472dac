package io.strata.engine.mysql;

import java.util.HashMap;
import java.util.Map;

/**
 * MySQL user-level locks ({@code GET_LOCK}, {@code RELEASE_LOCK}, {@code IS_FREE_LOCK}, {@code IS_USED_LOCK},
 * {@code RELEASE_ALL_LOCKS}) of one database cluster; Flyway serializes migrations with them. Re-entrant
 * per session, as in MySQL 5.7+; a session's locks are released when it closes.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html">Locking functions</a>
 */
final class NamedLocks {
    private record Holder(long session, int count) {}

    private final Map<String, Holder> locks = new HashMap<>();

    /** GET_LOCK: 1 if acquired, 0 on timeout; a negative timeout waits indefinitely. */
    synchronized long get(String name, double timeoutSeconds, long session) throws InterruptedException {
        long deadline = timeoutSeconds < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (true) {
            Holder h = locks.get(name);
            if (h == null || h.session() == session) {
                locks.put(name, new Holder(session, h == null ? 1 : h.count() + 1));
                return 1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return 0;
            long millis = Math.max(1, Math.min(left / 1_000_000, 1_000));
            wait(millis);
        }
    }

    /** RELEASE_LOCK: 1 if released, 0 if held by another session, null if it does not exist. */
    synchronized Long release(String name, long session) {
        Holder h = locks.get(name);
        if (h == null) return null;
        if (h.session() != session) return 0L;
        if (h.count() > 1) locks.put(name, new Holder(session, h.count() - 1));
        else locks.remove(name);
        notifyAll();
        return 1L;
    }

    synchronized long releaseAll(long session) {
        long n = 0;
        var it = locks.entrySet().iterator();
        while (it.hasNext()) {
            Holder h = it.next().getValue();
            if (h.session() == session) {
                n += h.count();
                it.remove();
            }
        }
        notifyAll();
        return n;
    }

    /** IS_USED_LOCK: the holder's connection id, or null. */
    synchronized Long holder(String name) {
        Holder h = locks.get(name);
        return h == null ? null : h.session();
    }
}
