package io.strata.storage;

import io.strata.storage.index.Timeline;
import io.strata.storage.log.Loc;
import io.strata.storage.log.LogRecord;
import io.strata.storage.log.SegmentGoneException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reclaims page versions that no retained point can read, then rewrites sparse log segments.
 *
 * <p>What must be kept is one value per timeline: its <em>read points</em> (Neon's GcInfo): every retained
 * point of a volume on it (inside the window, pinned, or the latest), the head of a live volume (reads at
 * +infinity), every open view, and the branch lsn of every live child timeline. A version of a page is live
 * iff some read point r has {@code version.lsn <= r < next version.lsn}. Timelines with no read point are dropped.
 *
 * <p>Phases: (1) with the store's mutation lock held exclusively — writers pause — expire points, compute
 * read points and prune the index; (2) concurrently with writers, copy the live records of segments under
 * {@link StoreOptions#gcLiveRatio} forward (same lsn, new place); (3) checkpoint, so recovery never needs
 * the old segments; (4) delete them.
 */
final class GarbageCollector {
    private final PageStore store;
    private final Catalog catalog;

    GarbageCollector(PageStore store) {
        this.store = store;
        this.catalog = store.catalog;
    }

    GcReport run() {
        int expired;
        int dropped;
        long versionsDropped = 0;
        Map<Long, Long> liveBytes = new HashMap<>();
        store.mutation.writeLock().lock();
        try {
            expired = expirePoints();
            Map<Timeline, Map<Long, long[]>> reads = readPoints();
            dropped = dropUnread(reads);
            for (Map.Entry<Timeline, Map<Long, long[]>> e : reads.entrySet()) {
                versionsDropped += prune(e.getKey(), merge(e.getValue().values()), liveBytes);
            }
        } finally {
            store.mutation.writeLock().unlock();
        }
        long copied = 0;
        long freed = 0;
        List<Long> victims = new ArrayList<>();
        for (Map.Entry<Long, Long> s : store.log.sealedSegments().entrySet()) {
            long live = liveBytes.getOrDefault(s.getKey(), 0L);
            if (live < s.getValue() * store.options.gcLiveRatio()) {
                victims.add(s.getKey());
                freed += s.getValue() - live;
            }
        }
        if (!victims.isEmpty()) {
            copied = relocate(victims);
            // Ancestors before descendants (ids grow with creation): a reader of a child that consults an
            // ancestor's cache after the child's is cleared then finds the ancestor's cleared too.
            List<Timeline> all = new ArrayList<>(catalog.timelines.values());
            all.sort(Comparator.comparingLong(t -> t.id.value()));
            for (Timeline t : all) {
                t.clearInheritedCache();
            }
            store.checkpoint();
            for (long id : victims) {
                store.log.retire(id);
            }
        }
        return new GcReport(expired, dropped, versionsDropped, victims.size(), copied, freed);
    }

    /**
     * Forgets the timelines nothing reads any more (a deleted volume without clones, states backtracked over
     * and out of the window), without pruning or rewriting anything: cheap enough to run at every delete, so
     * deleted clones do not hold index memory until the next full collection. Their bytes are reclaimed then.
     */
    int dropDeadTimelines() {
        store.mutation.writeLock().lock();
        try {
            return dropUnread(readPoints());
        } finally {
            store.mutation.writeLock().unlock();
        }
    }

    /** Removes every timeline without a read point; caller holds the mutation lock exclusively. */
    private int dropUnread(Map<Timeline, Map<Long, long[]>> reads) {
        int dropped = 0;
        for (Timeline t : new ArrayList<>(catalog.timelines.values())) {
            if (!reads.containsKey(t)) {
                catalog.timelines.remove(t.id.value());
                catalog.lastPointLsn.remove(t.id.value());
                catalog.lastWriteLsn.remove(t.id.value());
                dropped++;
            }
        }
        return dropped;
    }

    /** Drops points older than each volume's window, except pinned ones and the latest. */
    private int expirePoints() {
        long now = Catalog.toMicros(Instant.now());
        int expired = 0;
        synchronized (catalog) {
            for (VolumeState v : catalog.volumes.values()) {
                long cutoff = now - v.retentionMillis * 1000;
                int last = v.points.size() - 1;
                List<VolumeState.PointEntry> keep = new ArrayList<>();
                for (int i = 0; i < v.points.size(); i++) {
                    VolumeState.PointEntry p = v.points.get(i);
                    if (i == last || p.micros() >= cutoff || v.pins.contains(p.lsn())) {
                        keep.add(p);
                    }
                }
                expired += v.points.size() - keep.size();
                v.points.clear();
                v.points.addAll(keep);
            }
        }
        return expired;
    }

    /** Read points per timeline, per reading volume id, sorted. Children propagate to ancestors. */
    private Map<Timeline, Map<Long, long[]>> readPoints() {
        Map<Timeline, Map<Long, List<Long>>> acc = new HashMap<>();
        synchronized (catalog) {
            for (VolumeState v : catalog.volumes.values()) {
                add(acc, v.head, v.id.value(), Long.MAX_VALUE);
                for (VolumeState.PointEntry p : v.points) {
                    add(acc, p.timeline(), v.id.value(), p.lsn());
                }
            }
        }
        for (ViewLeases.Lease l : store.leases.snapshot()) {
            add(acc, l.timeline(), l.timeline().volume.value(), l.lsn());
        }
        // Children were created after their ancestors, so higher ids first reaches every descendant before its ancestor.
        List<Timeline> order = new ArrayList<>(catalog.timelines.values());
        order.sort(Comparator.comparingLong((Timeline t) -> t.id.value()).reversed());
        for (Timeline t : order) {
            Map<Long, List<Long>> r = acc.get(t);
            if (r != null && t.ancestor != null) {
                for (Long vol : r.keySet()) {
                    add(acc, t.ancestor, vol, t.ancestorLsn);
                }
            }
        }
        Map<Timeline, Map<Long, long[]>> out = new HashMap<>();
        acc.forEach((t, byVol) -> {
            Map<Long, long[]> m = new TreeMap<>();
            byVol.forEach((vol, lsns) -> m.put(vol, lsns.stream().mapToLong(Long::longValue).sorted().distinct().toArray()));
            out.put(t, m);
        });
        return out;
    }

    private static void add(Map<Timeline, Map<Long, List<Long>>> acc, Timeline t, long vol, long lsn) {
        acc.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(vol, k -> new ArrayList<>()).add(lsn);
    }

    private static long[] merge(Iterable<long[]> arrays) {
        long[] all = new long[0];
        for (long[] a : arrays) {
            long[] b = Arrays.copyOf(all, all.length + a.length);
            System.arraycopy(a, 0, b, all.length, a.length);
            all = b;
        }
        Arrays.sort(all);
        return all;
    }

    /** True if a read point in sorted {@code reads} falls in [lsn, next); {@code next} 0 means no next version. */
    static boolean covered(long[] reads, long lsn, long next) {
        int i = Arrays.binarySearch(reads, lsn);
        int first = i >= 0 ? i : -i - 1;
        return first < reads.length && (next == 0 || reads[first] < next);
    }

    private static long prune(Timeline t, long[] reads, Map<Long, Long> liveBytes) {
        long dropped = 0;
        t.lock.writeLock().lock();
        try {
            for (int p = 0; p < t.pageSlots(); p++) {
                if (t.chunkEmpty(p)) {
                    p += Timeline.CHUNK - 1;
                    continue;
                }
                int n = t.versionCount(p);
                if (n == 0) {
                    continue;
                }
                long[] lsns = new long[n];
                for (int i = 0; i < n; i++) {
                    lsns[i] = t.versionLsn(p, i);
                }
                dropped += t.retainVersions(p, i -> covered(reads, lsns[(int) i], i + 1 < n ? lsns[(int) i + 1] : 0));
                for (int i = 0; i < t.versionCount(p); i++) {
                    long loc = t.versionLoc(p, i);
                    if (loc != Loc.ZERO) {
                        liveBytes.merge(Loc.segment(loc), (long) Loc.length(loc), Long::sum);
                    }
                }
            }
        } finally {
            t.lock.writeLock().unlock();
        }
        return dropped;
    }

    private record LiveVersion(Timeline timeline, int page, long lsn, long loc) {
    }

    /** Copies every live version stored in {@code victims} to the head of the log; returns bytes copied. */
    private long relocate(List<Long> victims) {
        List<LiveVersion> moving = new ArrayList<>();
        for (Timeline t : catalog.timelines.values()) {
            t.lock.readLock().lock();
            try {
                for (int p = 0; p < t.pageSlots(); p++) {
                if (t.chunkEmpty(p)) {
                    p += Timeline.CHUNK - 1;
                    continue;
                }
                    for (int i = 0; i < t.versionCount(p); i++) {
                        long loc = t.versionLoc(p, i);
                        if (loc != Loc.ZERO && victims.contains(Loc.segment(loc))) {
                            moving.add(new LiveVersion(t, p, t.versionLsn(p, i), loc));
                        }
                    }
                }
            } finally {
                t.lock.readLock().unlock();
            }
        }
        long copied = 0;
        for (LiveVersion v : moving) {
            LogRecord r;
            try {
                r = store.log.read(v.loc());
            } catch (SegmentGoneException e) {
                continue;
            }
            store.mutation.readLock().lock();
            try {
                long loc = store.log.appendRelocated(r);
                v.timeline().lock.writeLock().lock();
                try {
                    v.timeline().relocate(v.page(), v.lsn(), loc);
                } finally {
                    v.timeline().lock.writeLock().unlock();
                }
                copied += Loc.length(loc);
            } finally {
                store.mutation.readLock().unlock();
            }
        }
        return copied;
    }

    /** Exclusive and shared bytes of {@code v}: versions only it reads, and versions it reads with others. */
    SpaceUsage spaceOf(VolumeState v) {
        long exclusive = 0;
        long shared = 0;
        store.mutation.writeLock().lock();
        try {
            Map<Timeline, Map<Long, long[]>> reads = readPoints();
            for (Map.Entry<Timeline, Map<Long, long[]>> e : reads.entrySet()) {
                long[] mine = e.getValue().get(v.id.value());
                if (mine == null) {
                    continue;
                }
                Timeline t = e.getKey();
                List<long[]> others = new ArrayList<>();
                e.getValue().forEach((vol, lsns) -> {
                    if (vol != v.id.value()) {
                        others.add(lsns);
                    }
                });
                for (int p = 0; p < t.pageSlots(); p++) {
                if (t.chunkEmpty(p)) {
                    p += Timeline.CHUNK - 1;
                    continue;
                }
                    int n = t.versionCount(p);
                    for (int i = 0; i < n; i++) {
                        long loc = t.versionLoc(p, i);
                        long lsn = t.versionLsn(p, i);
                        long next = i + 1 < n ? t.versionLsn(p, i + 1) : 0;
                        if (loc == Loc.ZERO || !covered(mine, lsn, next)) {
                            continue;
                        }
                        boolean sharedVersion = false;
                        for (long[] o : others) {
                            if (covered(o, lsn, next)) {
                                sharedVersion = true;
                                break;
                            }
                        }
                        if (sharedVersion) {
                            shared += Loc.length(loc);
                        } else {
                            exclusive += Loc.length(loc);
                        }
                    }
                }
            }
        } finally {
            store.mutation.writeLock().unlock();
        }
        return new SpaceUsage(exclusive, shared);
    }
}
