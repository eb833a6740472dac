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
 * <p>Concurrency: thread-safe; every method holds this object's monitor, which is also the lock a caller takes
 * ({@code synchronized (catalog)}) to check and change several records as one step (a new cluster's name and
 * port). {@link #commit()} saves a consistent copy of every record, including changes other threads made and
 * have not committed yet: each record the control plane puts is one a crash may find (see ControlPlane#recover).
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
    public synchronized void commit() {
        file.save(new CatalogFile.Content(CatalogFile.FORMAT, List.copyOf(clusters.values()),
                List.copyOf(instances.values()), List.copyOf(snapshots.values()), List.copyOf(backtracks.values())));
    }

    public synchronized void put(ClusterRecord c) {
        clusters.put(c.id(), c);
    }

    public synchronized void put(InstanceRecord i) {
        instances.put(i.id(), i);
    }

    public synchronized void put(SnapshotRecord s) {
        snapshots.put(s.id(), s);
    }

    public synchronized void put(BacktrackRecord b) {
        backtracks.put(b.id(), b);
    }

    public synchronized Optional<ClusterRecord> cluster(String id) {
        return Optional.ofNullable(clusters.get(id));
    }

    public synchronized Optional<InstanceRecord> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    public synchronized Optional<SnapshotRecord> snapshot(String id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    public synchronized Collection<ClusterRecord> clusters() {
        return List.copyOf(clusters.values());
    }

    public synchronized Collection<InstanceRecord> instances() {
        return List.copyOf(instances.values());
    }

    public synchronized Collection<SnapshotRecord> snapshots() {
        return List.copyOf(snapshots.values());
    }

    public synchronized List<InstanceRecord> instancesOf(String clusterId) {
        List<InstanceRecord> out = new ArrayList<>();
        instances.values().stream().filter(i -> i.clusterId().equals(clusterId)).forEach(out::add);
        return out;
    }

    public synchronized List<BacktrackRecord> backtracksOf(String clusterId) {
        List<BacktrackRecord> out = new ArrayList<>();
        backtracks.values().stream().filter(b -> b.clusterId().equals(clusterId)).forEach(out::add);
        return out;
    }

    public synchronized void removeCluster(String id) {
        clusters.remove(id);
        backtracks.values().removeIf(b -> b.clusterId().equals(id));
    }

    public synchronized void removeInstance(String id) {
        instances.remove(id);
    }

    public synchronized void removeSnapshot(String id) {
        snapshots.remove(id);
    }
}
