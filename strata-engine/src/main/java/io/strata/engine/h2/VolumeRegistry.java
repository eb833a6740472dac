package io.strata.engine.h2;

import io.strata.storage.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FilePath;

/**
 * The volumes currently attached to H2 in this JVM, each under a key that is never reused (so H2's own
 * cache of open databases, keyed by name, can never hand a new attachment an old engine).
 *
 * <p>Invariant: a volume is attached at most once; a live engine owns its volume exclusively.
 * Thread-safe: attach and detach are synchronized on the class; lookups are lock-free.
 */
public final class VolumeRegistry {

    private static final Map<String, AttachedVolume> BY_KEY = new ConcurrentHashMap<>();
    /** By volume (handles are equal when they name the same volume): two engines must never share one. */
    private static final Map<Volume, AttachedVolume> BY_VOLUME = new HashMap<>();
    private static final AtomicLong NEXT_KEY = new AtomicLong();
    private static volatile Path scratchDir;

    static {
        FilePath.register(new StrataFilePath());
    }

    private VolumeRegistry() {
    }

    /**
     * Attaches {@code volume} for H2 under a fresh key.
     *
     * @param substituteHeaders whether to apply the store-header fix; false only to show it matters
     * @throws IllegalStateException if the volume is already attached to a live engine
     */
    public static synchronized AttachedVolume attach(Volume volume, boolean substituteHeaders) {
        AttachedVolume live = BY_VOLUME.get(volume);
        if (live != null) {
            throw new IllegalStateException("volume is already attached to a live engine as "
                    + live.databaseName() + "; close that Database before opening, backtracking or swapping it");
        }
        AttachedVolume attached = new AttachedVolume("db" + NEXT_KEY.incrementAndGet(), volume, substituteHeaders);
        BY_VOLUME.put(volume, attached);
        BY_KEY.put(attached.key(), attached);
        return attached;
    }

    /** Detaches; H2 must have closed the file first. */
    public static synchronized void detach(AttachedVolume attached) {
        BY_KEY.remove(attached.key(), attached);
        BY_VOLUME.remove(attached.volume(), attached);
    }

    /** Whether {@code volume} is attached to a live engine. */
    public static synchronized boolean isAttached(Volume volume) {
        return BY_VOLUME.containsKey(volume);
    }

    static Optional<AttachedVolume> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    static List<String> keys() {
        return new ArrayList<>(BY_KEY.keySet());
    }

    /**
     * The plain directory for H2's side files (trace, temp), which never go to a volume. Created on
     * first use; shared by every attachment, whose keys keep the names apart.
     */
    static Path scratchDir() {
        Path dir = scratchDir;
        if (dir == null) {
            synchronized (VolumeRegistry.class) {
                dir = scratchDir;
                if (dir == null) {
                    try {
                        dir = Files.createTempDirectory("strata-h2-side-files");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    scratchDir = dir;
                }
            }
        }
        return dir;
    }
}
