package io.strata.engine;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Keeps H2 writing every chunk on the thread that stores it, before the store returns, as it does with
 * WRITE_DELAY=0, although the engine runs it with a long write delay ({@link EngineOptions#H2_WRITE_DELAY_MS}).
 *
 * <p>Why: with any WRITE_DELAY above 0, H2 2.5 serialises and writes chunks on two executor threads of its
 * own. {@code MVStore.commit()} still waits for them, but a memory-pressure store ({@code tryCommit}, also
 * made inside a commit when a big transaction ends) returns before its chunk is written, and a wait
 * interrupted is silently skipped. The commit gate would then append a point while the chunk is still in
 * flight: a point that may miss an acknowledged commit. H2 runs a store inline when its executors are absent
 * ({@code FileStore.submitOrRun}), which is what its own {@code shutdownExecutors} leaves (it also waits for
 * work in flight). H2 creates the executors only in {@code setAutoCommitDelay}, so they are shut down right
 * after the database opens and again if anything (a {@code SET WRITE_DELAY}) brought them back.
 *
 * <p>Reaches into H2's private API; H2 is pinned at 2.5.252 and a change there fails the engine's open
 * (and its tests), never silently. Called with no store running (at open, and by the commit gate with
 * statements kept out).
 */
final class InlineStores {

    private static final Field SERIALIZATION;
    private static final Field BUFFER_SAVE;
    private static final Method SHUTDOWN;

    static {
        try {
            SERIALIZATION = FileStore.class.getDeclaredField("serializationExecutor");
            BUFFER_SAVE = FileStore.class.getDeclaredField("bufferSaveExecutor");
            SHUTDOWN = FileStore.class.getDeclaredMethod("shutdownExecutors");
            SERIALIZATION.setAccessible(true);
            BUFFER_SAVE.setAccessible(true);
            SHUTDOWN.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "this H2 version does not have the store executors the engine expects (H2 2.5.252)", e));
        }
    }

    private InlineStores() {
    }

    /** Shuts H2's store executors down if they run, so every later store writes on its own thread. */
    static void ensure(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return;
        }
        try {
            if (SERIALIZATION.get(file) != null || BUFFER_SAVE.get(file) != null) {
                SHUTDOWN.invoke(file);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach H2's store executors", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("H2 failed to stop its store executors", e.getCause());
        }
    }

    /** Whether H2 would store on its own executor threads (false once {@link #ensure} ran). */
    static boolean asynchronous(MVStore store) {
        FileStore<?> file = store.getFileStore();
        try {
            return file != null && (SERIALIZATION.get(file) != null || BUFFER_SAVE.get(file) != null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach H2's store executors", e);
        }
    }
}
