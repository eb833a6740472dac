package io.strata.bench;

import io.strata.storage.PageStore;
import io.strata.storage.Volume;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Small helpers of the storage benchmark: sizes, statistics, formatting, files, heap and diagnostics. */
final class BenchUtil {
    static final long MiB = 1L << 20;

    private BenchUtil() {
    }

    static long parseSize(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        long mult = 1;
        if (u.endsWith("G") || u.endsWith("GB")) {
            mult = 1024 * MiB;
        } else if (u.endsWith("M") || u.endsWith("MB")) {
            mult = MiB;
        }
        return Long.parseLong(u.replaceAll("[^0-9]", "")) * mult;
    }

    static String sizeName(long bytes) {
        return bytes >= 1024 * MiB ? (bytes / (1024 * MiB)) + " GiB" : (bytes / MiB) + " MiB";
    }

    /** Backtrack; a point's micros can run a hair ahead of the wall clock, which backtrack rejects as "future". */
    static void backtrackTo(Volume v, Instant to) {
        while (to.isAfter(Instant.now())) {
            Thread.onSpinWait();
        }
        v.backtrack(to);
    }

    static void writeFully(FileChannel ch, byte[] b, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Length of the volume head's ancestor chain (reflection on package-private fields; diagnostics only). */
    static io.strata.storage.index.Timeline headOf(Volume v) {
        try {
            Field f = Volume.class.getDeclaredField("state");
            f.setAccessible(true);
            Object state = f.get(v);
            Field h = state.getClass().getDeclaredField("head");
            h.setAccessible(true);
            return (io.strata.storage.index.Timeline) h.get(state);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the volume's timeline (diagnostics only)", e);
        }
    }

    static int depthOf(Volume v) {
        try {
            io.strata.storage.index.Timeline t = headOf(v);
            int d = 0;
            while (t.ancestor != null) {
                d++;
                t = t.ancestor;
            }
            return d;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static int timelineCount(PageStore s) {
        try {
            Field f = PageStore.class.getDeclaredField("catalog");
            f.setAccessible(true);
            Object c = f.get(s);
            Field t = c.getClass().getDeclaredField("timelines");
            t.setAccessible(true);
            return ((Map<?, ?>) t.get(c)).size();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long median(long[] xs) {
        return pct(xs, 50);
    }

    static long medianL(List<Long> xs) {
        return median(xs.stream().mapToLong(Long::longValue).toArray());
    }

    static long pct(long[] xs, int pct) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.round((s.length - 1) * pct / 100.0))];
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 10000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
