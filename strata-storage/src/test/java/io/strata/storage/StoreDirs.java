package io.strata.storage;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where storage tests put their stores: real files in a temp dir, or an in-memory file system (Jimfs). */
public enum StoreDirs {
    ON_DISK {
        @Override
        public Path newDir() throws IOException {
            return Files.createTempDirectory("strata-store-");
        }
    },
    IN_MEMORY {
        @Override
        public Path newDir() throws IOException {
            FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
            Path p = fs.getPath("/store");
            Files.createDirectories(p);
            return p;
        }
    };

    public abstract Path newDir() throws IOException;

    /** Frees a directory made by {@link #newDir}: deletes it from disk, or closes its in-memory file system. */
    public static void release(Path dir) throws IOException {
        if (dir.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
            dir.getFileSystem().close();
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Small segments so tests cross segment boundaries and GC has sealed segments to rewrite. */
    public static StoreOptions testOptions() {
        return StoreOptions.defaults().withSegmentBytes(256 * 1024).withCheckpointEveryBytes(1 << 20)
                .withGcInterval(java.time.Duration.ZERO);
    }
}
