package io.strata.control.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.List;

/**
 * Reads and writes the catalog file. Format: one JSON object
 * <pre>
 *   {"format": 1, "clusters": [ClusterRecord...], "instances": [...], "snapshots": [...], "backtracks": [...]}
 * </pre>
 * Invariant: {@code catalog.json} is always a complete catalog. A save writes {@code catalog.json.tmp}, fsyncs
 * it, renames it over {@code catalog.json} (atomic on POSIX) and fsyncs the directory so the rename itself
 * survives a crash; a kill -9 at any moment leaves either the old or the new catalog, never a mix.
 */
public final class CatalogFile {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The file's content. */
    public record Content(int format, List<ClusterRecord> clusters, List<InstanceRecord> instances,
                          List<SnapshotRecord> snapshots, List<BacktrackRecord> backtracks) {
        static Content empty() {
            return new Content(FORMAT, List.of(), List.of(), List.of(), List.of());
        }
    }

    private final Path file;
    private final Path dir;

    public CatalogFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("catalog.json");
    }

    public Content load() {
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                return Content.empty();
            }
            Content c = JSON.readValue(file.toFile(), Content.class);
            if (c.format() != FORMAT) {
                throw new IllegalStateException(file + " has catalog format " + c.format() + ", this build reads " + FORMAT);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the control-plane catalog " + file, e);
        }
    }

    /** The catalog holds master passwords: only its owner may read it (where the file system has POSIX modes). */
    private FileAttribute<?>[] ownerOnly() {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    public void save(Content content) {
        Path tmp = dir.resolve("catalog.json.tmp");
        try {
            byte[] bytes = JSON.writeValueAsBytes(content);
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                // The data must be on disk before the rename publishes it, or a crash could publish an empty file.
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The rename lives in the directory: fsync it so the new catalog is the one found after a crash.
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the control-plane catalog " + file, e);
        }
    }
}
