package io.strata.cli;

import io.strata.client.CloneRequest;
import io.strata.client.ClusterId;
import io.strata.client.Times;
import io.strata.control.ControlException;
import io.strata.control.MasterPasswords;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * `strata clone SOURCE NAME [--at TIME | --latest] [--ttl DURATION]`: RestoreDBClusterToPointInTime with
 * RestoreType=copy-on-write (O(1)), or full-copy with {@code --full-copy} (a progress bar while the server
 * copies); then the master password if given, then an instance so the clone's endpoint answers. If a step after
 * the restore fails, the clone is deleted again: the command makes the whole clone or nothing. {@code --ttl} tags
 * the clone {@code strata:ttl}: the server deletes it when it runs out.
 */
@Command(name = "clone", description = "Clone a cluster as of a time (copy-on-write, O(1)) into a new cluster with its own endpoint.")
final class CloneCommand implements Callable<Integer> {
    @Mixin
    ApiOptions o;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The cluster to clone.")
    String source;

    @Parameters(index = "1", paramLabel = "NAME", description = "The new cluster.")
    String name;

    @ArgGroup(exclusive = true)
    When when;

    static final class When {
        @Option(names = "--at", paramLabel = "TIME", description = "ISO-8601 or relative (-5m) time to clone as of.")
        String at;

        @Option(names = "--latest", description = "Clone the latest state (the default).")
        boolean latest;
    }

    @Option(names = "--full-copy", description = "Copy every page instead of sharing them (O(size)).")
    boolean fullCopy;

    @Option(names = "--master-password", description = "Give the clone its own master password.")
    String password;

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "Delete the clone after this long: seconds or 90s, 30m, 2h, 1d (the strata:ttl tag).")
    String ttl;

    @Option(names = "--backtrack-window", paramLabel = "DURATION",
            description = "The clone's backtrack window: seconds or 90m, 24h (default: the source's).")
    String window;

    @Option(names = "--no-instance", description = "Create no instance: the endpoint does not answer until one is created.")
    boolean noInstance;

    @Override
    public Integer call() {
        ClusterId src = ClusterId.of(source);
        ClusterId target = ClusterId.of(name);
        CloneRequest r = when == null || when.at == null ? CloneRequest.latest(src, target)
                : CloneRequest.at(src, Times.parse(when.at, Instant.now()), target);
        if (fullCopy) {
            r = r.withFullCopy();
        }
        if (password != null) {
            // Checked before anything is made: a clone is never left behind with the source's password.
            try {
                MasterPasswords.check(password);
            } catch (ControlException e) {
                throw new IllegalArgumentException("--master-password: " + e.getMessage() + " Nothing was created.");
            }
            r = r.withMasterPassword(password);
        }
        if (ttl != null) {
            r = r.withTtl(ttl);
        }
        if (window != null) {
            r = r.withBacktrackWindow(Duration.ofSeconds(Times.seconds(window)));
        }
        if (noInstance) {
            r = r.withoutInstance();
        }
        if (!fullCopy) {
            Views.shape(o, o.client().clone(r).shape());
            return 0;
        }
        CopyProgress progress = new CopyProgress(name, o.err());
        Views.shape(o, o.client().clone(r, progress).shape());
        progress.done();
        return 0;
    }
}
