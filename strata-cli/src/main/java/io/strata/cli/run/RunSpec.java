package io.strata.cli.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strata.client.Times;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ENV.yaml: what {@code strata run} builds, runs and tears down. Format (every field but source and
 * test.command optional; paths relative to the file):
 * <pre>
 * api: http://127.0.0.1:4510      # the Strata API (else --api, STRATA_API, the local default)
 * source: prod                    # the cluster to clone
 * at: latest                      # latest | ISO-8601 time | relative (-15m); or instead:
 * snapshot: nightly               #   restore this snapshot
 * backtrackWindow: 1h             # the clone's backtrack window, so tests can rewind it
 * database: shop                  # STRATA_DATABASE, the JDBC URL's database, where schema changes run
 * schema:
 *   sql: db/changes               # a folder of .sql files applied in name order, or:
 *   flyway: [filesystem:db/migration]
 * test:
 *   command: mvn -q verify        # a string (run by sh -c) or a list (run as is)
 *   dir: .                        # working directory
 *   env: {SPRING_PROFILES_ACTIVE: it}
 * timeout: 20m                    # the tests' time limit (exit code 124 when hit)
 * keep: on-failure                # on-failure | never | always
 * keepFor: 24h                    # time-to-live of a kept clone
 * parallel: 1                     # clones, one run each (STRATA_RUN_INDEX 0..N-1)
 * ttl: 35m                        # time-to-live of each clone (default: timeout + 15m)
 * </pre>
 */
public record RunSpec(String api, String source, String at, String snapshot, String backtrackWindow, String database,
                      Schema schema, Test test, String timeout, String keep, String keepFor, Integer parallel, String ttl) {

    /** The schema changes: a folder of SQL files, or Flyway locations. */
    public record Schema(String sql, List<String> flyway) {
    }

    /** The test command, its working directory and extra environment. */
    public record Test(JsonNode command, String dir, Map<String, String> env) {
    }

    /** What to do with a clone after its run. */
    public enum Keep { ON_FAILURE, NEVER, ALWAYS }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads and checks an ENV.yaml; a mistake is an IllegalArgumentException naming the file, field and fix. */
    public static RunSpec load(Path file) throws IOException {
        RunSpec s;
        try {
            s = YAML.readValue(Files.readString(file), RunSpec.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (UnrecognizedPropertyException e) {
            if (e.getPropertyName().equals("backtrack") || e.getPropertyName().equals("backtrackTo")) {
                // The seed's step "backtrack the clone to an earlier moment": a clone cannot be backtracked to
                // before its creation (Aurora's rule, which Strata keeps), and a fresh clone has no later past,
                // so the moment the tests start from is the clone's restore point.
                throw new IllegalArgumentException(file + " line " + lineOf(file, e.getPropertyName(),
                        e.getLocation().getLineNr()) + ": '" + e.getPropertyName() + "': a clone cannot be backtracked to"
                        + " before it was made; to start the tests from an earlier moment, clone as of it with at: TIME"
                        + " (ISO-8601 or relative, e.g. at: -2h)");
            }
            throw new IllegalArgumentException(file + " line " + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr())
                    + ": unknown field '"
                    + e.getPropertyName() + "' (fields: api, source, at, snapshot, backtrackWindow, database, schema"
                    + " {sql, flyway}, test {command, dir, env}, timeout, keep, keepFor, parallel, ttl)");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a valid ENV.yaml: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (s == null) {
            throw new IllegalArgumentException(file + " is empty: it needs at least source and test.command");
        }
        s.check(file);
        return s;
    }

    /** The line where {@code field:} is written (Jackson reports where it stopped reading, often a line later). */
    private static int lineOf(Path file, String field, int fallback) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(field + ":")) {
                return i + 1;
            }
        }
        return fallback;
    }

    private void check(Path file) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(file + ": 'source' is missing: name the cluster to clone");
        }
        if (test == null || test.command == null || test.command.isNull() || command().isEmpty()) {
            throw new IllegalArgumentException(file + ": 'test.command' is missing: the command that runs the tests");
        }
        if (at != null && snapshot != null) {
            throw new IllegalArgumentException(file + ": give 'at' or 'snapshot', not both");
        }
        if (schema != null && schema.sql != null && schema.flyway != null) {
            throw new IllegalArgumentException(file + ": give schema.sql or schema.flyway, not both");
        }
        int n = parallelRuns();
        if (n < 1 || n > 15) {
            throw new IllegalArgumentException(file + ": 'parallel' must be between 1 and 15 (a source has at most 15"
                    + " copy-on-write clones); got " + n);
        }
        keepPolicy();
        timeoutDuration();
        if (at != null && !at.equalsIgnoreCase("latest")) {
            Times.parse(at, Instant.now());
        }
        if (backtrackWindow != null) {
            Times.seconds(backtrackWindow);
        }
        if (keepFor != null && !keepFor.equalsIgnoreCase("forever")) {
            Times.seconds(keepFor);
        }
        if (ttl != null) {
            Times.seconds(ttl);
        }
    }

    /** The test command as arguments: a list as given, a string as {@code sh -c STRING}. */
    public List<String> command() {
        List<String> out = new ArrayList<>();
        if (test.command.isValueNode()) {
            if (!test.command.asText().isBlank()) {
                out.addAll(List.of("sh", "-c", test.command.asText()));
            }
        } else if (test.command.isArray()) {
            test.command.forEach(n -> out.add(n.asText()));
        } else {
            throw new IllegalArgumentException("test.command must be a string or a list of strings");
        }
        return out;
    }

    public int parallelRuns() {
        return parallel == null ? 1 : parallel;
    }

    public Keep keepPolicy() {
        String k = keep == null ? "on-failure" : keep.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "on-failure" -> Keep.ON_FAILURE;
            case "never" -> Keep.NEVER;
            case "always" -> Keep.ALWAYS;
            default -> throw new IllegalArgumentException("keep must be on-failure, never or always; got '" + keep + "'");
        };
    }

    /** The tests' time limit: {@code timeout}, else one hour. */
    public Duration timeoutDuration() {
        return Duration.ofSeconds(timeout == null ? 3600 : Times.seconds(timeout));
    }

    /** Each clone's time-to-live: {@code ttl}, else the timeout plus 15 minutes for cloning and schema changes. */
    public String ttlValue() {
        return ttl != null ? ttl : Long.toString(timeoutDuration().plusMinutes(15).toSeconds());
    }

    public Duration backtrackWindowDuration() {
        return Duration.ofSeconds(backtrackWindow == null ? 3600 : Times.seconds(backtrackWindow));
    }
}
