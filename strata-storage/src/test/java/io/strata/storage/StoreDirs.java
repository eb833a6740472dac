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

    /** Small segments so tests cross segment boundaries and GC has sealed segments to rewrite. */
    public static StoreOptions testOptions() {
        return StoreOptions.defaults().withSegmentBytes(256 * 1024).withCheckpointEveryBytes(1 << 20)
                .withGcInterval(java.time.Duration.ZERO);
    }
}
