package io.strata.engine.h2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.store.fs.FilePath;

/**
 * H2's file system for scheme {@code strata:}. The name space is flat:
 * <pre>
 *   strata:                  the one directory
 *   strata:&lt;key&gt;.mv.db      the database file of the volume attached under &lt;key&gt; (see VolumeRegistry)
 *   strata:&lt;anything else&gt;  a side file (trace, temp), kept in a plain scratch directory, never on a volume
 * </pre>
 * H2 opens {@code .mv.db} once per database with {@code open("rw")}; moving, deleting or creating it by
 * name is refused, since it is the volume itself (so {@code SHUTDOWN COMPACT} and
 * {@code DROP ALL OBJECTS DELETE FILES} are not supported).
 */
public final class StrataFilePath extends FilePath {

    /** The URL scheme. */
    public static final String SCHEME = "strata";
    private static final String ROOT = SCHEME + ":";
    private static final String MAIN_SUFFIX = ".mv.db";

    /** The registered prototype; H2 calls {@link #getPath} on it. */
    StrataFilePath() {
        this.name = ROOT;
    }

    private StrataFilePath(String name) {
        this.name = name;
    }

    private String fileName() {
        String rest = name.substring(ROOT.length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return rest;
    }

    private boolean isRoot() {
        return fileName().isEmpty();
    }

    private boolean isMain() {
        return fileName().endsWith(MAIN_SUFFIX);
    }

    private Optional<AttachedVolume> attached() {
        String f = fileName();
        return isMain() ? VolumeRegistry.byKey(f.substring(0, f.length() - MAIN_SUFFIX.length())) : Optional.empty();
    }

    private FilePath side() {
        return FilePath.get(VolumeRegistry.scratchDir().resolve(fileName()).toString());
    }

    @Override
    public long size() {
        if (isRoot()) {
            return 0;
        }
        if (isMain()) {
            try {
                // One lookup: the volume may be detached concurrently (another database closing).
                Optional<AttachedVolume> file = attached();
                return file.isPresent() ? file.get().size() : 0;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the size of " + name, e);
            }
        }
        return side().size();
    }

    @Override
    public void moveTo(FilePath newName, boolean atomicReplace) {
        if (isMain() || newName.getName().endsWith(MAIN_SUFFIX)) {
            throw new UnsupportedOperationException("a volume-backed database file cannot be moved: " + name);
        }
        side().moveTo(((StrataFilePath) newName).side(), atomicReplace);
    }

    @Override
    public boolean createFile() {
        if (isRoot() || isMain()) {
            return false;
        }
        return side().createFile();
    }

    @Override
    public boolean exists() {
        if (isRoot()) {
            return true;
        }
        if (isMain()) {
            return size() > 0;
        }
        return side().exists();
    }

    @Override
    public void delete() {
        if (isRoot()) {
            return;
        }
        if (isMain()) {
            if (exists()) {
                throw new UnsupportedOperationException("a volume-backed database file cannot be deleted: " + name);
            }
            return;
        }
        side().delete();
    }

    @Override
    public List<FilePath> newDirectoryStream() {
        List<FilePath> list = new ArrayList<>();
        if (!isRoot()) {
            return list;
        }
        // Names only: H2 lists the directory at every open and close, and touching another database's
        // volume here would race with that database being closed and its volume deleted.
        for (String key : VolumeRegistry.keys()) {
            list.add(new StrataFilePath(ROOT + key + MAIN_SUFFIX));
        }
        for (FilePath f : FilePath.get(VolumeRegistry.scratchDir().toString()).newDirectoryStream()) {
            list.add(new StrataFilePath(ROOT + f.getName()));
        }
        return list;
    }

    @Override
    public FilePath toRealPath() {
        return this;
    }

    @Override
    public FilePath getParent() {
        return isRoot() ? null : new StrataFilePath(ROOT);
    }

    @Override
    public boolean isDirectory() {
        return isRoot();
    }

    @Override
    public boolean isRegularFile() {
        return !isRoot() && exists();
    }

    /** Always true: H2 refuses database names implicitly relative to the working directory. */
    @Override
    public boolean isAbsolute() {
        return true;
    }

    @Override
    public long lastModified() {
        return isRoot() || isMain() ? 0 : side().lastModified();
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void createDirectory() {
        // the root always exists; there are no subdirectories
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (isRoot()) {
            throw new IOException("is a directory: " + name);
        }
        if (isMain()) {
            AttachedVolume file = attached().orElseThrow(
                    () -> new IOException("no volume is attached as " + name + "; open it through io.strata.engine.Database"));
            return new VolumeChannel(file, "r".equals(mode));
        }
        return side().open(mode);
    }

    @Override
    public boolean setReadOnly() {
        return false;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FilePath getPath(String path) {
        return new StrataFilePath(path);
    }
}
