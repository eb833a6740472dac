package io.strata.crash;

import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What the {@link KillNineTest} parent knows across rounds: the model of every volume, every point the
 * children acknowledged (plus points found durable though never reported), and the clones; and the checks
 * run against the reopened store after each kill.
 */
final class CrashLedger {
    /** A point known to the test: acknowledged by a child (reported) or found at recovery (not reported). */
    record Known(String volume, long gen, long lsn, long micros, int round, boolean reported) {
    }

    /** A clone v0 started: its source generation, and whether store.clone returned. */
    record CloneInfo(String name, long srcGen, int round, boolean acked) {
    }

    private final Map<String, VolumeModel> models = new HashMap<>();
    private final Map<String, Long> headGen = new HashMap<>();
    private final Map<Long, Known> points = new HashMap<>();
    private final Map<String, CloneInfo> clones = new HashMap<>();
    private final Random sample;
    /** Last reported generation index of each volume in the current round (0: none reported). */
    private final Map<String, Long> lastIndex = new HashMap<>();
    long pointsVerified;
    long pointsRetained;
    long clonesVerified;
    long unreportedDurable;

    CrashLedger(long seed) {
        for (String v : CrashWorker.VOLUMES) {
            models.put(v, new VolumeModel(seed, v));
            headGen.put(v, 0L);
        }
        sample = new Random(seed);
    }

    long startGen(String volume) {
        return headGen.get(volume);
    }

    /** Models what round {@code round}'s child may have done, from its journal. */
    void absorb(int round, List<String[]> lines) {
        Map<String, Long> backtrackTo = new HashMap<>();
        for (String v : CrashWorker.VOLUMES) {
            lastIndex.put(v, 0L);
        }
        for (String[] l : lines) {
            switch (l[0]) {
                case "P" -> {
                    long gen = Long.parseLong(l[2]);
                    points.put(Long.parseLong(l[3]), new Known(l[1], gen, Long.parseLong(l[3]), Long.parseLong(l[4]), round, true));
                    lastIndex.merge(l[1], gen % CrashWorker.ROUND_GENS, Math::max);
                }
                case "B" -> {
                    backtrackTo.put(l[1] + "@" + l[2], Long.parseLong(l[3]));
                }
                case "C" -> clones.put(l[1], new CloneInfo(l[1], Long.parseLong(l[2]), round, false));
                case "c" -> clones.put(l[1], new CloneInfo(l[1], clones.get(l[1]).srcGen(), round, true));
                default -> { }
            }
        }
        for (String v : CrashWorker.VOLUMES) {
            VolumeModel m = models.get(v);
            long base = headGen.get(v);
            // Up to one generation past the last reported one may have been marked without being reported.
            for (long i = 1; i <= lastIndex.get(v) + 1; i++) {
                long gen = round * CrashWorker.ROUND_GENS + i;
                Long target = backtrackTo.get(v + "@" + gen);
                if (target != null) {
                    m.defineCopy(gen, target);
                } else {
                    m.defineWrite(gen, base);
                }
                base = gen;
            }
        }
    }

    /** Checks the reopened store against everything known; returns the violations found. */
    List<String> verify(PageStore store, int round, long reopenMicros) {
        List<String> problems = new ArrayList<>();
        for (String name : CrashWorker.VOLUMES) {
            verifyVolume(store, round, reopenMicros, name, problems);
        }
        verifyClones(store, round, problems);
        return problems;
    }

    private void verifyVolume(PageStore store, int round, long reopenMicros, String name, List<String> problems) {
        VolumeModel m = models.get(name);
        Volume vol = store.volume(name).orElseThrow(() -> new AssertionError("volume " + name + " is gone"));
        Set<Long> retained = new HashSet<>();
        for (Point p : vol.points()) {
            retained.add(p.lsn().value());
        }
        Point latest = vol.latestPoint();
        Known latestKnown = points.get(latest.lsn().value());
        if (latestKnown == null) {
            long gen = round * CrashWorker.ROUND_GENS + lastIndex.get(name) + 1;
            long maxReported = points.values().stream().filter(k -> k.volume().equals(name))
                    .mapToLong(Known::lsn).max().orElse(0);
            if (latest.lsn().value() < maxReported) {
                problems.add(name + ": latest point " + latest.lsn() + " is unknown and older than acknowledged " + maxReported);
                return;
            }
            latestKnown = new Known(name, gen, latest.lsn().value(), CrashWorker.micros(latest), round, false);
            points.put(latestKnown.lsn(), latestKnown);
            unreportedDurable++;
        } else if (!latestKnown.volume().equals(name)) {
            problems.add(name + ": latest point " + latest.lsn() + " was acknowledged for " + latestKnown.volume());
            return;
        }
        long retentionMicros = CrashWorker.volumeOptions(name).retention().toNanos() / 1000;
        List<Known> older = new ArrayList<>();
        for (Known k : points.values()) {
            if (!k.volume().equals(name)) {
                continue;
            }
            boolean mustExist = k.micros() >= reopenMicros - retentionMicros || k == latestKnown;
            if (!retained.contains(k.lsn())) {
                if (mustExist && k.reported()) {
                    problems.add(name + ": acknowledged point lsn:" + k.lsn() + " (gen " + k.gen() + ", round "
                            + k.round() + ") is missing after the crash");
                }
                continue;
            }
            pointsRetained++;
            if (k.round() == round) {
                checkView(vol, m, k, problems);
            } else {
                older.add(k);
            }
        }
        older.sort(java.util.Comparator.comparingLong(Known::lsn));
        for (int i = 0; i < 20 && !older.isEmpty(); i++) {
            checkView(vol, m, older.get(sample.nextInt(older.size())), problems);
        }
        // The volume comes back at its last point: its head reads exactly that point's state.
        String d = m.diff(latestKnown.gen(), vol::size, vol::read);
        if (d != null) {
            problems.add(name + ": head after recovery differs from its latest point " + latest.lsn() + ": " + d);
        }
        headGen.put(name, latestKnown.gen());
    }

    private void checkView(Volume vol, VolumeModel m, Known k, List<String> problems) {
        try (VolumeView view = vol.openView(new Lsn(k.lsn()))) {
            if (CrashWorker.micros(view.point()) != k.micros()) {
                problems.add(vol.name() + ": point lsn:" + k.lsn() + " has time " + view.point().time()
                        + ", acknowledged with micros " + k.micros());
            }
            String d = m.diff(k.gen(), view::size, view::read);
            if (d != null) {
                problems.add(vol.name() + ": view at lsn:" + k.lsn() + " (round " + k.round() + ") " + d);
            }
            pointsVerified++;
        } catch (RuntimeException e) {
            problems.add(vol.name() + ": view at lsn:" + k.lsn() + " (gen " + k.gen() + ") failed: " + e);
        }
    }

    private void verifyClones(PageStore store, int round, List<String> problems) {
        List<CloneInfo> toCheck = new ArrayList<>();
        List<CloneInfo> older = new ArrayList<>();
        for (CloneInfo c : clones.values()) {
            (c.round() == round ? toCheck : older).add(c);
        }
        older.sort(java.util.Comparator.comparing(CloneInfo::name));
        for (int i = 0; i < 3 && !older.isEmpty(); i++) {
            toCheck.add(older.get(sample.nextInt(older.size())));
        }
        VolumeModel v0 = models.get("v0");
        for (CloneInfo c : toCheck) {
            Optional<Volume> vol = store.volume(c.name());
            if (vol.isEmpty()) {
                if (c.acked()) {
                    problems.add("clone " + c.name() + " was acknowledged but is gone");
                }
                continue;
            }
            try {
                Point p = vol.get().latestPoint();
                String d = v0.diff(c.srcGen(), vol.get()::size, vol.get()::read);
                if (d == null) {
                    try (VolumeView view = vol.get().openView(p.lsn())) {
                        d = v0.diff(c.srcGen(), view::size, view::read);
                    }
                }
                if (d != null) {
                    problems.add("clone " + c.name() + " (acked " + c.acked() + "): " + d);
                }
                clonesVerified++;
            } catch (RuntimeException e) {
                problems.add("clone " + c.name() + " (acked " + c.acked() + ", " + vol.get().points().size()
                        + " points) is unusable after the crash: " + e);
            }
        }
    }
}
