package io.strata.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** `strata run ENV.yaml` in a child JVM, as CI runs it: its exit code, stdout and stderr. */
final class StrataRunProcess {
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Process process;
    private final CompletableFuture<String> out;
    private final CompletableFuture<String> err;

    private StrataRunProcess(Process process) {
        this.process = process;
        this.out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        this.err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static StrataRunProcess start(Path yaml, String apiUrl) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.strata.cli.StrataCli", "run", yaml.toString(),
                "--api", apiUrl));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(yaml.getParent().toFile());
        pb.environment().remove("STRATA_API");
        pb.environment().remove("STRATA_CLUSTER");
        return new StrataRunProcess(pb.start());
    }

    static Result run(Path yaml, String apiUrl) throws Exception {
        return start(yaml, apiUrl).await(180);
    }

    Result await(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("strata run did not end within " + seconds + " s: " + out.getNow("") + err.getNow(""));
        }
        return new Result(process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
    }

    /** Waits until {@code file} exists (the test command writes it once it runs). */
    static void awaitFile(Path file, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(file + " did not appear within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
