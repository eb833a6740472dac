package io.strata.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A new cluster holding another's data: a copy-on-write clone (O(1)) of a cluster as of its latest state or a
 * time, or a restore of a snapshot; optionally a full copy instead (RestoreType=full-copy, O(size)). Made with
 * an instance, so its endpoint answers, unless {@link #withoutInstance()}. Immutable: each {@code with...}
 * returns a changed copy.
 */
public final class CloneRequest {
    final ClusterId target;
    final ClusterId source;
    final Instant at;
    final SnapshotId snapshot;
    boolean fullCopy;
    String masterPassword;
    Long backtrackWindowSeconds;
    boolean instance = true;
    final Map<String, String> tags = new LinkedHashMap<>();

    private CloneRequest(ClusterId target, ClusterId source, Instant at, SnapshotId snapshot) {
        this.target = target;
        this.source = source;
        this.at = at;
        this.snapshot = snapshot;
    }

    /** {@code target}: {@code source} as of its latest restorable time (UseLatestRestorableTime). */
    public static CloneRequest latest(ClusterId source, ClusterId target) {
        return new CloneRequest(target, source, null, null);
    }

    /** {@code target}: {@code source} as of {@code time} (its last commit at or before it). */
    public static CloneRequest at(ClusterId source, Instant time, ClusterId target) {
        return new CloneRequest(target, source, time, null);
    }

    /** {@code target}: the state {@code snapshot} holds (RestoreDBClusterFromSnapshot). */
    public static CloneRequest fromSnapshot(SnapshotId snapshot, ClusterId target) {
        return new CloneRequest(target, null, null, snapshot);
    }

    private CloneRequest copy() {
        CloneRequest r = new CloneRequest(target, source, at, snapshot);
        r.fullCopy = fullCopy;
        r.masterPassword = masterPassword;
        r.backtrackWindowSeconds = backtrackWindowSeconds;
        r.instance = instance;
        r.tags.putAll(tags);
        return r;
    }

    public ClusterId target() {
        return target;
    }

    /** Copy every page instead of sharing them (a restore sharing nothing with the source; O(size)). */
    public CloneRequest withFullCopy() {
        CloneRequest r = copy();
        r.fullCopy = true;
        return r;
    }

    /** Give the new cluster its own master password (set before its endpoint first answers). */
    public CloneRequest withMasterPassword(String password) {
        CloneRequest r = copy();
        r.masterPassword = password;
        return r;
    }

    /** The new cluster's backtrack window (default: the source's; a snapshot's restore: 0). */
    public CloneRequest withBacktrackWindow(Duration window) {
        CloneRequest r = copy();
        r.backtrackWindowSeconds = window.toSeconds();
        return r;
    }

    /** The server deletes the new cluster once {@code ttl} has passed ({@link Tags#TTL}). */
    public CloneRequest withTtl(Duration ttl) {
        return withTag(Tags.TTL, Long.toString(ttl.toSeconds()));
    }

    /** As {@link #withTtl(Duration)}, in the tag's own spelling: {@code 3600}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}. */
    public CloneRequest withTtl(String ttl) {
        return withTag(Tags.TTL, ttl);
    }

    public CloneRequest withTag(String key, String value) {
        CloneRequest r = copy();
        r.tags.put(key, value);
        return r;
    }

    /** Create no instance: the endpoint does not answer until one is created. */
    public CloneRequest withoutInstance() {
        CloneRequest r = copy();
        r.instance = false;
        return r;
    }
}
