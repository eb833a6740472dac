package io.strata.crash;

import io.strata.storage.PageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 rounds: a {@link CrashWorker} child writes, marks, backtracks, clones and collects garbage in a
 * store until the test SIGKILLs it at a random moment; the test then reopens the store in-process and checks
 * every acknowledged point against the model ({@link CrashLedger}), and the next round's child continues in
 * the same store. Some rounds kill the child within its first 400 ms (during JVM start or recovery); the
 * test closes the store cleanly after even rounds and abandons it unclosed after odd ones.
 *
 * <p>System properties: {@code strata.crash.seed} (default fixed), {@code strata.crash.rounds} (default 22).
 */
class KillNineTest {
    private static final long DEFAULT_SEED = 20261125L;

    @Test
    void everyAcknowledgedPointSurvivesKillNine(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("strata.crash.seed", DEFAULT_SEED);
        int rounds = Integer.getInteger("strata.crash.rounds", 22);
        System.out.printf("KillNineTest: seed %d (-Dstrata.crash.seed=%d to repeat), %d rounds%n", seed, seed, rounds);
        long started = System.nanoTime();
        Path store = tmp.resolve("store");
        try (PageStore s = PageStore.open(store, CrashWorker.storeOptions())) {
            for (String v : CrashWorker.VOLUMES) {
                s.createVolume(v, CrashWorker.volumeOptions(v));
            }
        }
        CrashLedger ledger = new CrashLedger(seed);
        Random rnd = new Random(seed);
        List<String> abandoned = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path journal = tmp.resolve("journal-" + round + ".txt");
            Path stderr = tmp.resolve("stderr-" + round + ".txt");
            boolean early = rnd.nextInt(6) == 0;
            long delay = early ? rnd.nextInt(400) : 200 + rnd.nextInt(1300);
            Process child = start(store, journal, stderr, seed, round, ledger);
            if (!early) {
                awaitOpened(child, journal, stderr);
            }
            boolean exited = child.waitFor(delay, TimeUnit.MILLISECONDS);
            assertThat(exited).as("round %d: child exited on its own (%s): %s", round,
                    exited ? child.exitValue() : 0, Files.exists(stderr) ? Files.readString(stderr) : "").isFalse();
            child.destroyForcibly();
            child.waitFor();
            List<String[]> lines = Journal.read(journal);
            ledger.absorb(round, lines);
            long reopen = Instant.now().toEpochMilli() * 1000;
            PageStore s = PageStore.open(store, CrashWorker.storeOptions());
            List<String> problems = ledger.verify(s, round, reopen);
            assertThat(problems).as("round %d (seed %d, killed after %d ms, %d journal lines)", round, seed, delay,
                    lines.size()).isEmpty();
            if (round % 2 == 0) {
                s.close();
            } else {
                abandoned.add("round " + round); // as if the test process itself died right after recovery
            }
            System.out.printf("  round %2d: killed after %4d ms%s, %5d journal lines, %6d points verified, %d segments%n",
                    round, delay, early ? " (early)" : "", lines.size(), ledger.pointsVerified, segments(store));
        }
        System.out.printf("KillNineTest: %d rounds, %d point views verified byte for byte, %d retained points checked, "
                        + "%d durable-but-unreported points found, %d clones verified, %.1f s (seed %d)%n",
                rounds, ledger.pointsVerified, ledger.pointsRetained, ledger.unreportedDurable, ledger.clonesVerified,
                (System.nanoTime() - started) / 1e9, seed);
        assertThat(ledger.pointsVerified).isGreaterThan(rounds);
    }

    private static Process start(Path store, Path journal, Path stderr, long seed, int round, CrashLedger ledger)
            throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", cp, CrashWorker.class.getName(),
                store.toString(), journal.toString(), Long.toString(seed), Integer.toString(round)));
        for (String v : CrashWorker.VOLUMES) {
            cmd.add(Long.toString(ledger.startGen(v)));
        }
        cmd.add("300"); // pause between generations, micros: bounds the log growth per round
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
    }

    private static void awaitOpened(Process child, Path journal, Path stderr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Journal.read(journal).isEmpty()) {
            if (!child.isAlive()) {
                throw new AssertionError("child died before opening the store: "
                        + (Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : ""));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("child did not open the store within 30 s");
            }
            Thread.sleep(5);
        }
    }

    private static long segments(Path store) throws IOException {
        try (var s = Files.list(store.resolve("log"))) {
            return s.count();
        }
    }
}
