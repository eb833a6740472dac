package io.strata.control.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory catalog, saved whole to its {@link CatalogFile} by {@link #commit()}.
 *
 * <p>Concurrency: not thread-safe; the control plane calls it with its own lock held.
 */
public final class ControlCatalog {
    private final CatalogFile file;
    private final Map<String, ClusterRecord> clusters = new LinkedHashMap<>();
    private final Map<String, InstanceRecord> instances = new LinkedHashMap<>();
    private final Map<String, SnapshotRecord> snapshots = new LinkedHashMap<>();
    private final Map<String, BacktrackRecord> backtracks = new LinkedHashMap<>();

    public ControlCatalog(CatalogFile file) {
        this.file = file;
        CatalogFile.Content c = file.load();
        c.clusters().forEach(this::put);
        c.instances().forEach(this::put);
        c.snapshots().forEach(this::put);
        c.backtracks().forEach(this::put);
    }

    /** Makes every change so far durable (atomic replace + fsync). Call before acknowledging a change. */
    public void commit() {
        file.save(new CatalogFile.Content(CatalogFile.FORMAT, List.copyOf(clusters.values()),
                List.copyOf(instances.values()), List.copyOf(snapshots.values()), List.copyOf(backtracks.values())));
    }

    public void put(ClusterRecord c) {
        clusters.put(c.id(), c);
    }

    public void put(InstanceRecord i) {
        instances.put(i.id(), i);
    }

    public void put(SnapshotRecord s) {
        snapshots.put(s.id(), s);
    }

    public void put(BacktrackRecord b) {
        backtracks.put(b.id(), b);
    }

    public Optional<ClusterRecord> cluster(String id) {
        return Optional.ofNullable(clusters.get(id));
    }

    public Optional<InstanceRecord> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    public Optional<SnapshotRecord> snapshot(String id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    public Collection<ClusterRecord> clusters() {
        return List.copyOf(clusters.values());
    }

    public Collection<InstanceRecord> instances() {
        return List.copyOf(instances.values());
    }

    public Collection<SnapshotRecord> snapshots() {
        return List.copyOf(snapshots.values());
    }

    public List<InstanceRecord> instancesOf(String clusterId) {
        List<InstanceRecord> out = new ArrayList<>();
        instances.values().stream().filter(i -> i.clusterId().equals(clusterId)).forEach(out::add);
        return out;
    }

    public List<BacktrackRecord> backtracksOf(String clusterId) {
        List<BacktrackRecord> out = new ArrayList<>();
        backtracks.values().stream().filter(b -> b.clusterId().equals(clusterId)).forEach(out::add);
        return out;
    }

    public void removeCluster(String id) {
        clusters.remove(id);
        backtracks.values().removeIf(b -> b.clusterId().equals(id));
    }

    public void removeInstance(String id) {
        instances.remove(id);
    }

    public void removeSnapshot(String id) {
        snapshots.remove(id);
    }
}
