package io.strata.crash;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import io.strata.storage.VolumeView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-process history for the torn-tail and bit-flip tests: generations written and marked on named
 * volumes, every point remembered with its generation, and the checks that a reopened store holds exactly
 * the points it should, each reading back its generation's bytes.
 */
final class History {
    /** A point this history marked. */
    record Mark(String volume, long gen, long lsn) {
    }

    /**
     * Small segments so a few hundred generations span several; no automatic checkpoint. No fsync: these
     * tests damage files in-process (the kill -9 test covers the fsync path), and it keeps them fast.
     */
    static StoreOptions options() {
        return StoreOptions.defaults().withSegmentBytes(256 * 1024).withCheckpointEveryBytes(1L << 40).withFsync(false);
    }

    final long seed;
    final Map<String, VolumeModel> models = new HashMap<>();
    private final Map<String, Long> head = new HashMap<>();
    final NavigableMap<Long, Mark> marks = new TreeMap<>();

    History(long seed) {
        this.seed = seed;
    }

    /** Creates the volumes (generation 0: empty) and remembers their first point. */
    void create(PageStore store, String... volumes) {
        for (String v : volumes) {
            Volume vol = store.createVolume(v, VolumeOptions.defaults());
            models.put(v, new VolumeModel(seed, v));
            head.put(v, 0L);
            marks.put(vol.latestPoint().lsn().value(), new Mark(v, 0, vol.latestPoint().lsn().value()));
        }
    }

    /** Runs {@code n} generations round-robin over the volumes, marking after each. */
    void run(PageStore store, int n) {
        List<String> vols = new ArrayList<>(models.keySet());
        vols.sort(null);
        for (int i = 0; i < n; i++) {
            String v = vols.get(i % vols.size());
            generation(store, v);
        }
    }

    /** One generation on {@code v}: its writes, then mark(). Returns the point. */
    Point generation(PageStore store, String v) {
        Volume vol = store.volume(v).orElseThrow();
        long gen = head.get(v) + 1;
        for (Content.Run run : Content.plan(seed, v, gen)) {
            vol.write(Content.runBytes(seed, v, run, gen), (long) run.first() * Content.PAGE);
        }
        models.get(v).defineWrite(gen, head.get(v));
        Point p = vol.mark();
        head.put(v, gen);
        marks.put(p.lsn().value(), new Mark(v, gen, p.lsn().value()));
        return p;
    }

    /** Writes a generation on {@code v} without marking it: lost at the next crash. */
    void unmarkedWrites(PageStore store, String v, long fakeGen) {
        Volume vol = store.volume(v).orElseThrow();
        for (Content.Run run : Content.plan(seed, v, fakeGen)) {
            vol.write(Content.runBytes(seed, v, run, fakeGen), (long) run.first() * Content.PAGE);
        }
    }

    /** Forgets the marks after {@code lsn} (they were cut off) and moves each volume back to its last surviving mark. */
    void cutAfter(long lsn) {
        marks.tailMap(lsn, false).clear();
        for (String v : models.keySet()) {
            head.put(v, lastMark(v).gen());
        }
    }

    Mark lastMark(String v) {
        Mark last = null;
        for (Mark m : marks.values()) {
            if (m.volume().equals(v)) {
                last = m;
            }
        }
        return last;
    }

    /**
     * Checks the store holds exactly the marks at or before {@code maxLsn}, each reading its generation's bytes,
     * none after, and that each volume's head reads its last surviving mark. Returns the violations.
     */
    List<String> check(PageStore store, long maxLsn) {
        return check(store, maxLsn, 0);
    }

    /** As {@link #check(PageStore, long)}, reading only every 16th point below {@code fullFrom} (existence is checked for all). */
    List<String> check(PageStore store, long maxLsn, long fullFrom) {
        List<String> problems = new ArrayList<>();
        for (String v : models.keySet()) {
            Volume vol = store.volume(v).orElseThrow();
            VolumeModel m = models.get(v);
            Set<Long> retained = new HashSet<>();
            vol.points().forEach(p -> retained.add(p.lsn().value()));
            Mark last = null;
            for (Mark mk : marks.values()) {
                if (!mk.volume().equals(v)) {
                    continue;
                }
                if (mk.lsn() > maxLsn) {
                    if (retained.contains(mk.lsn())) {
                        problems.add(v + ": point lsn:" + mk.lsn() + " was cut off but is still listed");
                    }
                    continue;
                }
                last = mk;
                if (!retained.contains(mk.lsn())) {
                    problems.add(v + ": point lsn:" + mk.lsn() + " (gen " + mk.gen() + ") before the cut is missing");
                    continue;
                }
                if (mk.lsn() < fullFrom && mk.lsn() % 16 != 0) {
                    continue;
                }
                try (VolumeView view = vol.openView(new Lsn(mk.lsn()))) {
                    String d = m.diff(mk.gen(), view::size, view::read);
                    if (d != null) {
                        problems.add(v + ": view at lsn:" + mk.lsn() + ": " + d);
                    }
                }
            }
            if (last != null && vol.latestPoint().lsn().value() != last.lsn()) {
                problems.add(v + ": latest point is " + vol.latestPoint().lsn() + ", expected lsn:" + last.lsn());
            }
            if (last != null) {
                String d = m.diff(last.gen(), vol::size, vol::read);
                if (d != null) {
                    problems.add(v + ": head is not at its last point lsn:" + last.lsn() + ": " + d);
                }
            }
        }
        return problems;
    }
}
