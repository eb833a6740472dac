package io.strata.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs one database: memory, H2's chunk retention and close-time compaction, and whether
 * the store-header fix is on.
 *
 * @param cacheSizeMb         H2's page cache in MiB, the instance size of the database
 * @param retentionTime       how long H2 keeps dead chunks before reusing their space; null for H2's
 *                            default (45 s). Never zero: H2 is not crash safe with RETENTION_TIME=0.
 * @param maxCompactTime      how long H2 may compact the file at close; null for H2's default (200 ms)
 * @param substituteStoreHeader the store-header fix (research "Fix 1"); turn off only to measure it
 * @param lockTimeout         how long a statement waits for a row or table lock (the waits happen outside
 *                            H2, see LockWaits); null for H2's default; clients change it per session
 * @param commitExclusion     whether a commit keeps statements that change H2's maps out while it stores
 *                            its chunk (see CommitGate); turn off only to measure what it costs
 * @param groupCommitWait     how long a commit about to store its chunk waits for statements that other
 *                            sessions are running, so that their commits share the chunk, point and fsync
 *                            (see CommitGate); zero turns it off. Default 200 us.
 * @param redoCommitsPerChunk how many commits go to the volume as redo records before an H2 chunk is stored
 *                            (see RedoLog); 0: no redo log, every point stores a chunk. A volume whose log
 *                            holds records is replayed when it opens either way. Default 2,000.
 */
public record EngineOptions(int cacheSizeMb, Duration retentionTime, Duration maxCompactTime,
                            boolean substituteStoreHeader, Duration lockTimeout, boolean commitExclusion,
                            Duration groupCommitWait, int redoCommitsPerChunk) {

    public EngineOptions {
        if (cacheSizeMb <= 0) {
            throw new IllegalArgumentException("cacheSizeMb must be positive: " + cacheSizeMb);
        }
        if (retentionTime != null && retentionTime.toMillis() <= 0) {
            throw new IllegalArgumentException("retentionTime must be positive (H2 is unsafe with 0): " + retentionTime);
        }
        if (maxCompactTime != null && maxCompactTime.isNegative()) {
            throw new IllegalArgumentException("maxCompactTime must not be negative: " + maxCompactTime);
        }
        if (lockTimeout != null && lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
        }
        Objects.requireNonNull(groupCommitWait, "groupCommitWait");
        if (groupCommitWait.isNegative()) {
            throw new IllegalArgumentException("groupCommitWait must not be negative: " + groupCommitWait);
        }
        if (redoCommitsPerChunk < 0) {
            throw new IllegalArgumentException("redoCommitsPerChunk must not be negative: " + redoCommitsPerChunk);
        }
    }

    /** What a commit waits for statements of other sessions by default (see {@link #groupCommitWait}). */
    public static final Duration DEFAULT_GROUP_COMMIT_WAIT = Duration.ofNanos(200_000);

    /** Commits a redo generation holds before a chunk is stored (see {@link #redoCommitsPerChunk}). */
    public static final int DEFAULT_REDO_COMMITS_PER_CHUNK = 2_000;

    /** 64 MiB of cache, H2's defaults otherwise, header fix and commit exclusion on, a 200 us group-commit wait. */
    public static EngineOptions defaults() {
        return new EngineOptions(64, null, null, true, null, true, DEFAULT_GROUP_COMMIT_WAIT, DEFAULT_REDO_COMMITS_PER_CHUNK);
    }

    public EngineOptions withCacheSizeMb(int mb) {
        return new EngineOptions(mb, retentionTime, maxCompactTime, substituteStoreHeader, lockTimeout, commitExclusion, groupCommitWait, redoCommitsPerChunk);
    }

    public EngineOptions withRetentionTime(Duration d) {
        return new EngineOptions(cacheSizeMb, Objects.requireNonNull(d), maxCompactTime, substituteStoreHeader, lockTimeout, commitExclusion, groupCommitWait, redoCommitsPerChunk);
    }

    public EngineOptions withMaxCompactTime(Duration d) {
        return new EngineOptions(cacheSizeMb, retentionTime, Objects.requireNonNull(d), substituteStoreHeader, lockTimeout, commitExclusion, groupCommitWait, redoCommitsPerChunk);
    }

    public EngineOptions withStoreHeaderSubstitution(boolean on) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, on, lockTimeout, commitExclusion, groupCommitWait, redoCommitsPerChunk);
    }

    public EngineOptions withLockTimeout(Duration d) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, substituteStoreHeader, Objects.requireNonNull(d), commitExclusion, groupCommitWait, redoCommitsPerChunk);
    }

    public EngineOptions withGroupCommitWait(Duration d) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, substituteStoreHeader, lockTimeout,
                commitExclusion, Objects.requireNonNull(d), redoCommitsPerChunk);
    }

    public EngineOptions withRedoCommitsPerChunk(int commits) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, substituteStoreHeader, lockTimeout,
                commitExclusion, groupCommitWait, commits);
    }

    public EngineOptions withCommitExclusion(boolean on) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, substituteStoreHeader, lockTimeout, on, groupCommitWait, redoCommitsPerChunk);
    }

    /**
     * H2's WRITE_DELAY: as long as H2 allows, so H2 itself never decides when to store a chunk at a
     * commit; the engine's commit gate stores once per acknowledged commit ({@link CommitGate}). Why not
     * WRITE_DELAY=0 (H2 stores in every commit of every session): H2 also commits its system session
     * inside statements, for instance to move an identity column's sequence past each explicit id
     * inserted, so a 1,000-row INSERT with explicit ids into an AUTO_INCREMENT column stored 1,001 chunks
     * (measured, bench/run-engine.sh). With this delay H2's background writer sleeps (it wakes every
     * delay/3 ms) and never stores on its own; H2 still stores when its unsaved memory passes its limit.
     */
    static final int H2_WRITE_DELAY_MS = Integer.MAX_VALUE;

    /**
     * The H2 URL settings of the connection that opens the database. The long WRITE_DELAY leaves storing
     * chunks to the commit gate (see {@link #H2_WRITE_DELAY_MS}); DB_CLOSE_DELAY=-1 and DB_CLOSE_ON_EXIT=FALSE
     * leave closing to {@link Database#close()}, which must happen before the volume is detached; the trace
     * file is off (it would be an unaligned side file).
     */
    String urlSettings() {
        StringBuilder s = new StringBuilder(sessionUrlSettings());
        s.append(";WRITE_DELAY=").append(H2_WRITE_DELAY_MS);
        s.append(";CACHE_SIZE=").append((long) cacheSizeMb * 1024);
        if (retentionTime != null) {
            s.append(";RETENTION_TIME=").append(retentionTime.toMillis());
        }
        if (maxCompactTime != null) {
            s.append(";MAX_COMPACT_TIME=").append(maxCompactTime.toMillis());
        }
        return s.toString();
    }

    /**
     * The H2 URL settings of every further session of an open database: what is per session (the lock
     * timeout) or harmless to repeat, without the database-wide settings. H2 runs the settings of every
     * connection's URL as {@code SET} commands on the open database, and two of them are not harmless:
     * {@code SET CACHE_SIZE} empties the page cache (measured: every new client connection threw away
     * the whole cache, so the next statements read their pages back from the volume), and
     * {@code SET WRITE_DELAY} restarts H2's background writer and its store executors.
     */
    String sessionUrlSettings() {
        StringBuilder s = new StringBuilder(";MODE=MySQL;TRACE_LEVEL_FILE=0;DATABASE_TO_LOWER=TRUE"
                + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        if (lockTimeout != null) {
            s.append(";LOCK_TIMEOUT=").append(lockTimeout.toMillis());
        }
        return s.toString();
    }
}
