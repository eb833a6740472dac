package io.strata.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A new, empty cluster (CreateDBCluster), with an instance so its endpoint answers unless
 * {@link #withoutInstance()}. Immutable: each {@code with...} returns a changed copy.
 */
public final class CreateClusterRequest {
    final ClusterId id;
    final String masterUsername;
    final String masterPassword;
    String databaseName;
    Long backtrackWindowSeconds;
    Integer port;
    boolean deletionProtection;
    boolean instance = true;
    final Map<String, String> tags = new LinkedHashMap<>();

    private CreateClusterRequest(ClusterId id, String masterUsername, String masterPassword) {
        this.id = id;
        this.masterUsername = masterUsername;
        this.masterPassword = masterPassword;
    }

    /** A cluster {@code id} whose master user is {@code masterUsername} with {@code masterPassword} (8 to 41 characters). */
    public static CreateClusterRequest of(ClusterId id, String masterUsername, String masterPassword) {
        return new CreateClusterRequest(id, masterUsername, masterPassword);
    }

    private CreateClusterRequest copy() {
        CreateClusterRequest r = new CreateClusterRequest(id, masterUsername, masterPassword);
        r.databaseName = databaseName;
        r.backtrackWindowSeconds = backtrackWindowSeconds;
        r.port = port;
        r.deletionProtection = deletionProtection;
        r.instance = instance;
        r.tags.putAll(tags);
        return r;
    }

    /** How far back backtrack reaches (0 turns it off; at most 72 hours). Default 0, as in Aurora. */
    public CreateClusterRequest withBacktrackWindow(Duration window) {
        CreateClusterRequest r = copy();
        r.backtrackWindowSeconds = window.toSeconds();
        return r;
    }

    public CreateClusterRequest withDatabaseName(String name) {
        CreateClusterRequest r = copy();
        r.databaseName = name;
        return r;
    }

    /** The cluster's MySQL port (default: a free one). */
    public CreateClusterRequest withPort(int p) {
        CreateClusterRequest r = copy();
        r.port = p;
        return r;
    }

    public CreateClusterRequest withDeletionProtection(boolean on) {
        CreateClusterRequest r = copy();
        r.deletionProtection = on;
        return r;
    }

    /** The server deletes the cluster once {@code ttl} has passed ({@link Tags#TTL}). */
    public CreateClusterRequest withTtl(Duration ttl) {
        return withTag(Tags.TTL, Long.toString(ttl.toSeconds()));
    }

    /** As {@link #withTtl(Duration)}, in the tag's own spelling: {@code 3600}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}. */
    public CreateClusterRequest withTtl(String ttl) {
        return withTag(Tags.TTL, ttl);
    }

    public CreateClusterRequest withTag(String key, String value) {
        CreateClusterRequest r = copy();
        r.tags.put(key, value);
        return r;
    }

    /** Create no instance: the endpoint does not answer until one is created. */
    public CreateClusterRequest withoutInstance() {
        CreateClusterRequest r = copy();
        r.instance = false;
        return r;
    }
}
