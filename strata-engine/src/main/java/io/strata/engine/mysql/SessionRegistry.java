package io.strata.engine.mysql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions of one database cluster (one endpoint), which MySQL calls the server: feeds SHOW PROCESSLIST,
 * resolves KILL, holds the GLOBAL system variables set with {@code SET GLOBAL} (new sessions start from them)
 * and the server status counters ({@code Uptime}, {@code Questions}, {@code Connections}) behind SHOW STATUS
 * and COM_STATISTICS.
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
    /** Values given with SET GLOBAL (canonical name to value); the defaults are {@link SystemVariables}'s. */
    private final Map<String, Object> globals = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();
    private final java.util.concurrent.atomic.LongAdder questions = new java.util.concurrent.atomic.LongAdder();
    private final AtomicLong connections = new AtomicLong();

    /** The GLOBAL values set on this endpoint, by canonical name (live and writable). */
    Map<String, Object> globals() {
        return globals;
    }

    /** Counts one statement sent by a client (MySQL's {@code Questions} status variable). */
    void countQuestion() {
        questions.increment();
    }

    /** Statements clients sent since the endpoint started. */
    public long questions() {
        return questions.sum();
    }

    /** Connection attempts that opened a session since the endpoint started ({@code Connections}). */
    public long connections() {
        return connections.get();
    }

    /** Seconds since the endpoint started ({@code Uptime}). */
    public long uptimeSeconds() {
        return java.time.Duration.between(started, Instant.now()).toSeconds();
    }

    /**
     * The COM_STATISTICS text, as mysqladmin status prints it.
     *
     * @param openTables tables in the databases of this endpoint
     * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_statistics.html">COM_STATISTICS</a>
     */
    public String statistics(long openTables) {
        long uptime = Math.max(1, uptimeSeconds());
        long q = questions();
        return String.format(java.util.Locale.ROOT, "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: %d"
                + "  Flush tables: 1  Open tables: %d  Queries per second avg: %.3f", uptimeSeconds(), size(), q,
                openTables, openTables, (double) q / uptime);
    }

    NamedLocks locks() {
        return locks;
    }

    /** Allocates a connection id (globally unique in this JVM, as MySQL thread ids are per server). */
    public static long nextConnectionId() {
        return NEXT_ID.getAndIncrement();
    }

    public Entry register(long id, String user, String host, Runnable closer) {
        connections.incrementAndGet();
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
