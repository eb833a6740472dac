package io.strata.crash;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The side file through which a {@link CrashWorker} tells the test what it did. Each line is written with one
 * unbuffered write(2) right after the operation it reports returned: the kernel keeps it when the writer is
 * killed with SIGKILL (page cache outlives the process), so no fsync is needed for kill -9 tests. Lines:
 * <pre>
 *  O                              store opened
 *  P vol gen lsn micros           mark() (or a backtrack's point) returned: acknowledged point of generation gen
 *  B vol gen targetGen            about to backtrack; generation gen will be the state of targetGen
 *  C clone srcGen srcLsn          about to clone v0 at its acknowledged point srcLsn (generation srcGen)
 *  c clone lsn                    the clone returned; lsn is its first point
 *  G                              a gc() returned
 * </pre>
 * A last line without its newline (the writer was killed mid-write) is ignored by {@link #read}.
 */
final class Journal implements AutoCloseable {
    private final FileOutputStream out;

    Journal(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    synchronized void line(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (Object f : fields) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(f);
        }
        sb.append('\n');
        try {
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The complete lines of {@code file}, split into fields; empty if it does not exist. */
    static List<String[]> read(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String all = Files.readString(file, StandardCharsets.US_ASCII);
        int end = all.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String l : all.substring(0, end).split("\n")) {
            if (!l.isEmpty()) {
                out.add(l.split(" "));
            }
        }
        return out;
    }
}
