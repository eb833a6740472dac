package io.strata.bench;

import io.strata.storage.PageStore;
import io.strata.storage.StoreOptions;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a store once in a fresh JVM and prints the wall time of {@link PageStore#open} in ms: what a restart of
 * {@code strata server} pays, with the JIT cold (the storage benchmark's in-process restarts run warmed code).
 * Logging is initialised first, as the server's is before it opens the store.
 *
 * <pre>java -cp ... io.strata.bench.OpenOnce STORE_DIR</pre>
 */
public final class OpenOnce {
    private OpenOnce() {
    }

    public static void main(String[] args) {
        org.slf4j.LoggerFactory.getLogger(OpenOnce.class).debug("logging initialised");
        long t = System.nanoTime();
        PageStore store = PageStore.open(Path.of(args[0]), StoreOptions.defaults());
        double ms = (System.nanoTime() - t) / 1e6;
        store.close();
        System.out.println(String.format(Locale.ROOT, "%.1f", ms));
    }

    /** Runs {@link #main} in a child JVM with this JVM's class path and heap limit; returns its open time in ms. */
    static double inFreshJvm(Path dir) {
        try {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            long maxHeapMb = Runtime.getRuntime().maxMemory() >> 20;
            Process p = new ProcessBuilder(javaBin, "-Xmx" + maxHeapMb + "m", "-cp", System.getProperty("java.class.path"),
                    OpenOnce.class.getName(), dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("OpenOnce failed: " + out);
            }
            String[] lines = out.split("\\R");
            return Double.parseDouble(lines[lines.length - 1]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
