package io.strata.engine;

import java.lang.reflect.Field;
import org.h2.mvstore.MVStore;

/**
 * Sets how much changed, not yet stored page memory H2 keeps before it stores a chunk on its own: a
 * quarter of the database's page cache ({@link EngineOptions#cacheSizeMb}), never less than H2's own
 * limit and never more than 256 MiB (H2 compares four times the limit, and three times the unsaved
 * memory, in ints).
 *
 * <p>Why: H2 fixes that limit at about 19 MiB whatever the cache ({@code MVStore.autoCommitMemory}), and
 * stores a chunk at the end of any commit that leaves three quarters of it in use. With the redo log a
 * commit needs no chunk, so those stores are pure cost: under the OLTP read_write workload (random
 * single-row updates in a 100,000-row table) H2 stored a chunk every 200 commits, each rewriting pages a
 * later chunk rewrites again; that was 11% of the server's CPU (JFR) and 10-15% of the engine's CPU per
 * transaction (measured with a scratch engine loop, 500-transaction rounds; at the wire, in bench-oltp's
 * read_write, the difference stayed inside the run-to-run noise). With this limit on a 1 GiB
 * cache, chunks come from the redo log's own bound (every {@code redoCommitsPerChunk} commits or 2 MiB of
 * records), which also bounds the unsaved memory of committed work. What remains bounded by this limit
 * alone is a big transaction's own pages, which H2 stores once they pass it. So the engine's memory is
 * its cache plus at most about a third of it in unsaved pages; a small instance keeps H2's default.
 *
 * <p>The field is final in H2 and set only by its constructor, from a builder the engine does not reach
 * (H2's {@code Store} builds the {@code MVStore}); so it is set here by reflection, right after the
 * database opens. H2 is pinned at 2.5.252: a change there fails the engine's open, never silently.
 */
final class UnsavedMemory {

    private static final int MAX_BYTES = 256 * 1024 * 1024;
    private static final Field AUTO_COMMIT_MEMORY;

    static {
        try {
            AUTO_COMMIT_MEMORY = MVStore.class.getDeclaredField("autoCommitMemory");
            AUTO_COMMIT_MEMORY.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "this H2 version does not have the unsaved-memory limit the engine expects (H2 2.5.252)", e));
        }
    }

    private UnsavedMemory() {
    }

    /** The limit in bytes for a cache of {@code cacheSizeMb} MiB, given H2's own {@code h2Default}. */
    static int limitBytes(int cacheSizeMb, int h2Default) {
        long quarter = (long) cacheSizeMb * 1024 * 1024 / 4;
        return (int) Math.max(h2Default, Math.min(MAX_BYTES, quarter));
    }

    /** Raises {@code store}'s limit to {@link #limitBytes} for {@code cacheSizeMb}. */
    static void limit(MVStore store, int cacheSizeMb) {
        if (store.getFileStore() == null) {
            return;
        }
        try {
            AUTO_COMMIT_MEMORY.setInt(store, limitBytes(cacheSizeMb, store.getAutoCommitMemory()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set H2's unsaved-memory limit", e);
        }
    }
}
