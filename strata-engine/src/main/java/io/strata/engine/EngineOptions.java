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
 */
public record EngineOptions(int cacheSizeMb, Duration retentionTime, Duration maxCompactTime,
                            boolean substituteStoreHeader, Duration lockTimeout, boolean commitExclusion) {

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
    }

    /** 64 MiB of cache, H2's defaults otherwise, header fix and commit exclusion on. */
    public static EngineOptions defaults() {
        return new EngineOptions(64, null, null, true, null, true);
    }

    public EngineOptions withCacheSizeMb(int mb) {
        return new EngineOptions(mb, retentionTime, maxCompactTime, substituteStoreHeader, lockTimeout, commitExclusion);
    }

    public EngineOptions withRetentionTime(Duration d) {
        return new EngineOptions(cacheSizeMb, Objects.requireNonNull(d), maxCompactTime, substituteStoreHeader, lockTimeout, commitExclusion);
    }

    public EngineOptions withMaxCompactTime(Duration d) {
        return new EngineOptions(cacheSizeMb, retentionTime, Objects.requireNonNull(d), substituteStoreHeader, lockTimeout, commitExclusion);
    }

    public EngineOptions withStoreHeaderSubstitution(boolean on) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, on, lockTimeout, commitExclusion);
    }

    public EngineOptions withLockTimeout(Duration d) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, substituteStoreHeader, Objects.requireNonNull(d), commitExclusion);
    }

    public EngineOptions withCommitExclusion(boolean on) {
        return new EngineOptions(cacheSizeMb, retentionTime, maxCompactTime, substituteStoreHeader, lockTimeout, on);
    }

    /**
     * The H2 URL settings. WRITE_DELAY=0 makes each COMMIT write its chunk on the committing thread
     * before it returns, so "all writes so far" is a commit point; DB_CLOSE_DELAY=-1 and
     * DB_CLOSE_ON_EXIT=FALSE leave closing to {@link Database#close()}, which must happen before the
     * volume is detached; the trace file is off (it would be an unaligned side file).
     */
    String urlSettings() {
        StringBuilder s = new StringBuilder(";MODE=MySQL;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;DATABASE_TO_LOWER=TRUE"
                + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        s.append(";CACHE_SIZE=").append((long) cacheSizeMb * 1024);
        if (retentionTime != null) {
            s.append(";RETENTION_TIME=").append(retentionTime.toMillis());
        }
        if (maxCompactTime != null) {
            s.append(";MAX_COMPACT_TIME=").append(maxCompactTime.toMillis());
        }
        if (lockTimeout != null) {
            s.append(";LOCK_TIMEOUT=").append(lockTimeout.toMillis());
        }
        return s.toString();
    }
}
