package io.strata.engine.mysql.functions;

import java.util.List;

/**
 * What the statement running on this thread lets a MySQL function reach: the session's diagnostics area
 * (warnings such as 1365 "Division by 0" or 1292 "Incorrect datetime value", MySQL manual 15.6.7.7) and
 * KILL QUERY (which ends a {@code SLEEP}).
 *
 * <p>The session {@link #enter enters} its context on the thread that runs a statement and {@link #exit exits}
 * it afterwards; H2 calls the functions of this package on that same thread, so a function finds the context
 * with a thread-local read. Outside a statement (a function H2 folds while it is not running one of ours)
 * there is no context and warnings are dropped.
 *
 * <p>Concurrency: {@link #warn} and {@link #sleepMillis} run on the statement's thread; {@link #kill} may be
 * called by any thread.
 */
public final class StatementContext {
    /** MySQL's {@code max_error_count} default: conditions kept for SHOW WARNINGS per statement. */
    public static final int MAX_ERROR_COUNT = 1024;

    private static final ThreadLocal<StatementContext> CURRENT = new ThreadLocal<>();

    private final List<String[]> warnings;
    private final Object sleeping = new Object();
    /** Set by KILL QUERY while a statement runs; cleared when the next statement enters. */
    private volatile boolean killed;
    private volatile boolean inSleep;

    /** @param warnings the session's diagnostics area: rows of {level, code, message} */
    public StatementContext(List<String[]> warnings) {
        this.warnings = warnings;
    }

    /** Makes this the context of the statement about to run on the calling thread. */
    public void enter() {
        killed = false;
        CURRENT.set(this);
    }

    /** Ends the statement on the calling thread. */
    public void exit() {
        CURRENT.remove();
    }

    /** Adds a warning to the running statement's diagnostics area, if a statement is running here. */
    public static void warn(int code, String message) {
        StatementContext c = CURRENT.get();
        if (c != null) c.add("Warning", code, message);
    }

    /** Adds a condition to this context's diagnostics area (kept up to {@link #MAX_ERROR_COUNT}). */
    public void add(String level, int code, String message) {
        if (warnings.size() < MAX_ERROR_COUNT) warnings.add(new String[] {level, Integer.toString(code), message});
    }

    /**
     * KILL QUERY: a SLEEP in progress (or started later by the same statement) returns at once.
     *
     * @return true if a SLEEP was in progress, which then ends the statement normally (MySQL: "When SLEEP()
     *     is the only thing invoked by a query that is interrupted, it returns 1 and the query itself returns
     *     no error")
     */
    public boolean kill() {
        killed = true;
        synchronized (sleeping) {
            sleeping.notifyAll();
        }
        return inSleep;
    }

    /** Whether KILL QUERY hit the current statement. */
    public boolean killed() {
        return killed;
    }

    /** True while the statement waits in {@code SLEEP()} (SHOW PROCESSLIST state "User sleep"). */
    public boolean sleeping() {
        return inSleep;
    }

    /**
     * Sleeps on behalf of {@code SLEEP()} until {@code millis} have passed or the statement is killed.
     *
     * @return true if the sleep was interrupted by KILL QUERY
     */
    static boolean sleepMillis(long millis) throws InterruptedException {
        StatementContext c = CURRENT.get();
        if (c == null) {
            Thread.sleep(millis);
            return false;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (c.sleeping) {
            c.inSleep = true;
            try {
                while (!c.killed) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) return false;
                    c.sleeping.wait(left);
                }
                return true;
            } finally {
                c.inSleep = false;
            }
        }
    }
}
