package io.strata.control;

import io.strata.control.catalog.ClusterRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AddTagsToResource, RemoveTagsFromResource, ListTagsForResource on clusters, and the time-to-live they carry:
 * {@link #deleteExpired} removes every cluster whose {@code strata:ttl} has run out.
 */
final class TagOps {
    private static final Logger LOG = LoggerFactory.getLogger(TagOps.class);
    private final Context ctx;

    TagOps(Context ctx) {
        this.ctx = ctx;
    }

    /** Adds or replaces tags; a {@code strata:ttl} given here counts from now. */
    ClusterInfo add(String clusterId, Map<String, String> tags) {
        ClusterRecord c = ctx.cluster(clusterId);
        Map<String, String> given = Ttl.check(tags);
        Map<String, String> merged = new LinkedHashMap<>(c.tags());
        merged.putAll(given);
        Ttl.check(merged);
        Instant expiresAt = given.containsKey(Ttl.TAG) ? Ttl.expiry(given, Instant.now()) : c.expiresAt();
        Ttl.checkNotProtected(expiresAt, c.deletionProtection(), c.id());
        ClusterRecord changed = c.withTags(merged, expiresAt);
        ctx.catalog.put(changed);
        ctx.catalog.commit();
        return ctx.info(changed);
    }

    /** Removes the tags with these keys (absent ones are ignored); removing {@code strata:ttl} ends the expiry. */
    ClusterInfo remove(String clusterId, Collection<String> keys) {
        ClusterRecord c = ctx.cluster(clusterId);
        Map<String, String> left = new LinkedHashMap<>(c.tags());
        keys.forEach(left::remove);
        ClusterRecord changed = c.withTags(left, left.containsKey(Ttl.TAG) ? c.expiresAt() : null);
        ctx.catalog.put(changed);
        ctx.catalog.commit();
        return ctx.info(changed);
    }

    /**
     * Deletes every cluster whose expiry is at or before {@code now}: its instances (the endpoint stops), then the
     * cluster, without a final snapshot (its snapshots stay, as with any delete). Returns the ids deleted.
     */
    List<String> deleteExpired(Instant now, ClusterOps clusters, SnapshotOps snapshots) {
        List<String> deleted = new ArrayList<>();
        for (ClusterRecord c : ctx.catalog.clusters()) {
            if (c.expiresAt() == null || c.expiresAt().isAfter(now)) {
                continue;
            }
            try {
                ctx.catalog.instancesOf(c.id()).forEach(i -> ctx.catalog.removeInstance(i.id()));
                clusters.delete(c.id(), true, null, snapshots);
                deleted.add(c.id());
                LOG.info("deleted cluster {}: its {} of {} expired at {}", c.id(), Ttl.TAG, c.tags().get(Ttl.TAG),
                        c.expiresAt());
            } catch (RuntimeException e) {
                LOG.error("could not delete expired cluster {}", c.id(), e);
            }
        }
        return deleted;
    }
}
