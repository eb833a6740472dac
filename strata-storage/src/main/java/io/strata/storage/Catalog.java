package io.strata.storage;

import io.strata.storage.index.Timeline;
import io.strata.storage.log.LogRecord;
import io.strata.storage.log.RecordType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory state of a store: volumes, timelines and their page indexes. Built by applying log records
 * in order ({@link #apply}) — the same code path at runtime, right after each append, and at recovery — so a
 * reopened store is exactly the store that was running, less writes after each timeline's last point.
 */
final class Catalog {
    final Map<Long, Timeline> timelines = new ConcurrentHashMap<>();
    final Map<Long, VolumeState> volumes = new ConcurrentHashMap<>();
    final Map<String, VolumeState> byName = new ConcurrentHashMap<>();
    /** The lsn of each timeline's last point; recovery discards versions after it. */
    final Map<Long, Long> lastPointLsn = new ConcurrentHashMap<>();
    /** The lsn of each timeline's last page write or truncate; close marks a point where it is past the last point. */
    final Map<Long, Long> lastWriteLsn = new ConcurrentHashMap<>();
    long nextVolumeId = 1;
    long nextTimelineId = 1;
    long nextBacktrackId = 1;

    void apply(LogRecord r, long loc) {
        switch (r.type()) {
            case PAGE -> applyPage(r, loc);
            case TRUNCATE -> applyTruncate(r);
            case POINT -> applyPoint(r);
            case META -> applyEvent(r.lsn(), CatalogEvent.decode(r.payload()));
            case REWIND -> rewind(r.timeline(), r.size());
            default -> throw new StorageException("unexpected record " + r.type());
        }
    }

    private void applyPage(LogRecord r, long loc) {
        Timeline t = timelines.get(r.timeline());
        if (t == null) {
            return; // the timeline was dropped by GC after this record was written
        }
        t.lock.writeLock().lock();
        try {
            if ((r.flags() & LogRecord.FLAG_RELOCATED) != 0) {
                t.relocate(r.arg(), r.lsn(), loc);
            } else {
                t.put(r.arg(), r.lsn(), loc);
                t.setSize(r.lsn(), r.size());
                lastWriteLsn.put(r.timeline(), r.lsn());
            }
        } finally {
            t.lock.writeLock().unlock();
        }
    }

    private void applyTruncate(LogRecord r) {
        Timeline t = timelines.get(r.timeline());
        if (t == null) {
            return;
        }
        t.lock.writeLock().lock();
        try {
            long oldSize = t.sizeAt(Long.MAX_VALUE);
            long firstDead = (r.size() + PageCodec.PAGE - 1) / PageCodec.PAGE;
            long lastOld = (oldSize + PageCodec.PAGE - 1) / PageCodec.PAGE;
            for (long p = firstDead; p < lastOld; p++) {
                t.put(p, r.lsn(), io.strata.storage.log.Loc.ZERO);
            }
            t.setSize(r.lsn(), r.size());
            lastWriteLsn.put(r.timeline(), r.lsn());
        } finally {
            t.lock.writeLock().unlock();
        }
    }

    private void applyPoint(LogRecord r) {
        Timeline t = timelines.get(r.timeline());
        if (t != null) {
            addPoint(volumes.get(r.arg()), t, r.lsn(), r.size());
        }
    }

    private void addPoint(VolumeState v, Timeline t, long lsn, long micros) {
        lastPointLsn.merge(t.id.value(), lsn, Math::max);
        if (v == null) {
            return;
        }
        synchronized (this) {
            v.points.add(new VolumeState.PointEntry(t, lsn, micros));
        }
    }

    private Timeline createTimeline(long id, long volume, long ancestor, long ancestorLsn) {
        Timeline anc = ancestor == 0 ? null : timelines.get(ancestor);
        if (ancestor != 0 && anc == null) {
            throw new StorageException("timeline " + id + " names missing ancestor " + ancestor);
        }
        Timeline t = new Timeline(new TimelineId(id), new VolumeId(volume), anc, ancestorLsn);
        timelines.put(id, t);
        nextTimelineId = Math.max(nextTimelineId, id + 1);
        return t;
    }

    private void applyEvent(long lsn, CatalogEvent e) {
        if (e instanceof CatalogEvent.VolumeCreated c) {
            Timeline head = createTimeline(c.headTimeline(), c.volume(), c.ancestor(), c.ancestorLsn());
            VolumeState v = new VolumeState(new VolumeId(c.volume()), c.name(), c.retentionMillis(), head, c.createdMicros());
            volumes.put(c.volume(), v);
            byName.put(c.name(), v);
            nextVolumeId = Math.max(nextVolumeId, c.volume() + 1);
            addPoint(v, head, lsn, c.createdMicros());
        } else if (e instanceof CatalogEvent.VolumeDeleted d) {
            VolumeState v = volumes.remove(d.volume());
            if (v != null) {
                v.deleted = true;
                byName.remove(v.name, v);
            }
        } else if (e instanceof CatalogEvent.HeadMoved h) {
            VolumeState v = volumes.get(h.volume());
            if (v == null) {
                return;
            }
            Timeline head = createTimeline(h.newHead(), h.volume(), h.landedTimeline(), h.landedLsn());
            v.head = head;
            addPoint(v, head, lsn, h.createdMicros());
            synchronized (this) {
                v.backtracks.add(new Backtrack(h.backtrackId(), micros(h.requestedMicros()),
                        new Point(new Lsn(h.landedLsn()), micros(h.landedMicros())),
                        new Point(new Lsn(h.fromLsn()), micros(h.fromMicros())), micros(h.createdMicros())));
            }
            nextBacktrackId = Math.max(nextBacktrackId, h.backtrackId() + 1);
        } else if (e instanceof CatalogEvent.RetentionSet s) {
            VolumeState v = volumes.get(s.volume());
            if (v != null) {
                v.retentionMillis = s.retentionMillis();
            }
        } else if (e instanceof CatalogEvent.PinSet p) {
            VolumeState v = volumes.get(p.volume());
            if (v != null) {
                synchronized (this) {
                    if (p.pinned()) {
                        v.pins.add(p.lsn());
                    } else {
                        v.pins.remove(p.lsn());
                    }
                }
            }
        }
    }

    /**
     * After replay: the timelines with writes after their last point, and that point's lsn. Those writes were
     * never acknowledged; the store rewinds each such timeline with a REWIND record.
     */
    Map<Long, Long> unpointedWrites() {
        Map<Long, Long> out = new java.util.TreeMap<>();
        for (Timeline t : timelines.values()) {
            long last = lastPointLsn.getOrDefault(t.id.value(), t.ancestorLsn);
            if (lastWriteLsn.getOrDefault(t.id.value(), 0L) > last) {
                out.put(t.id.value(), last);
            }
        }
        return out;
    }

    private void rewind(long timeline, long lsn) {
        Timeline t = timelines.get(timeline);
        if (t == null) {
            return;
        }
        t.lock.writeLock().lock();
        try {
            t.discardAfter(lsn);
            lastWriteLsn.put(timeline, lsn);
        } finally {
            t.lock.writeLock().unlock();
        }
    }

    Collection<VolumeState> liveVolumes() {
        return new ArrayList<>(volumes.values());
    }

    synchronized List<VolumeState.PointEntry> pointsOf(VolumeState v) {
        return new ArrayList<>(v.points);
    }

    static Instant micros(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }

    static long toMicros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
