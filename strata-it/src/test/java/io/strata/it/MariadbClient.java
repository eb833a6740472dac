package io.strata.it;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The `mariadb` command-line client from Debian, fed a SQL file on stdin as a user would. */
final class MariadbClient {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private MariadbClient() {
    }

    /**
     * Skips the calling test, loudly, where the client is not on the PATH, except in CI ({@code CI=true}),
     * where that is a failure.
     */
    static void require() {
        if (find() != null) {
            return;
        }
        String why = "the mariadb client is not on the PATH (" + System.getenv("PATH")
                + "): install it with scripts/install-test-deps.sh";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (required when CI=true)");
        }
        System.err.println("WARNING: SKIPPED: " + why);
        Assumptions.abort(why);
    }

    /** The {@code mariadb} executable on the PATH, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mariadb"))) {
                return Path.of(dir, "mariadb");
            }
        }
        return null;
    }

    static Result run(StrataServerProcess s, InputStream sql, String... extra) throws IOException, InterruptedException {
        Path client = find();
        if (client == null) {
            throw new IllegalStateException("the mariadb client is not on the PATH; call require() first");
        }
        List<String> cmd = new ArrayList<>(List.of(client.toString(), "-h127.0.0.1", "-P" + s.port,
                "-u" + StrataServerProcess.USER, "-p" + StrataServerProcess.PASSWORD));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            sql.transferTo(in);
        } catch (IOException e) {
            // the client exited early; its stderr says why
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("mariadb client timed out");
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
