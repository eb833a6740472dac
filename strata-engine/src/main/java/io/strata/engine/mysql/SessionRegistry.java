package io.strata.engine.mysql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions of one database cluster (one endpoint): feeds SHOW PROCESSLIST and resolves KILL.
 *
 * <p>Thread-safe. The protocol registers a {@code closer} per session so that {@code KILL CONNECTION} can
 * close the client connection.
 */
public final class SessionRegistry {
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    /** One entry of the process list. */
    public static final class Entry {
        final long id;
        final String user;
        final String host;
        final Instant since = Instant.now();
        volatile MySqlSession session;
        volatile Runnable closer = () -> { };
        volatile String command = "Sleep";
        volatile String info;
        volatile Instant commandStart = Instant.now();

        Entry(long id, String user, String host) {
            this.id = id;
            this.user = user;
            this.host = host;
        }

        public long id() {
            return id;
        }
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final NamedLocks locks = new NamedLocks();

    NamedLocks locks() {
        return locks;
    }

    /** Allocates a connection id (globally unique in this JVM, as MySQL thread ids are per server). */
    public static long nextConnectionId() {
        return NEXT_ID.getAndIncrement();
    }

    public Entry register(long id, String user, String host, Runnable closer) {
        Entry e = new Entry(id, user, host);
        e.closer = closer;
        entries.put(id, e);
        return e;
    }

    public void unregister(long id) {
        entries.remove(id);
        locks.releaseAll(id);
    }

    public int size() {
        return entries.size();
    }

    List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort((a, b) -> Long.compare(a.id, b.id));
        return list;
    }

    /** KILL [QUERY|CONNECTION] id. */
    void kill(long id, boolean queryOnly) throws java.sql.SQLException {
        Entry e = entries.get(id);
        if (e == null) throw MySqlErrors.noSuchThread(id);
        MySqlSession s = e.session;
        if (s != null) s.cancel();
        if (!queryOnly) e.closer.run();
    }
}
