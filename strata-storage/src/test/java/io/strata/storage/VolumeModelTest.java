package io.strata.storage;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Model-based test: random sequences of write, truncate, point, clone, backtrack (back and forward),
 * point-in-time read, views held open across later operations, pin and unpin, delete, GC, clean restart and
 * crash restart, on disk and in memory; every read is checked against a plain in-memory model of each
 * volume's bytes and points. Some clones have a retention window of 0: GC may then expire every point but the
 * latest and the pinned ones, backtracking them is refused, and an open view is what keeps its state readable.
 */
class VolumeModelTest {

    enum Op { WRITE, TRUNCATE, MARK, CLONE, BACKTRACK, VIEW, HOLD_VIEW, RELEASE_VIEW, PIN, UNPIN, DELETE, GC, RESTART, CRASH }

    record Action(Op op, int a, int b, int c) {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> one = net.jqwik.api.Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.just(Op.WRITE)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.TRUNCATE)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.just(Op.MARK)), net.jqwik.api.Tuple.of(2, Arbitraries.just(Op.CLONE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Op.BACKTRACK)), net.jqwik.api.Tuple.of(2, Arbitraries.just(Op.VIEW)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.HOLD_VIEW)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.RELEASE_VIEW)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.PIN)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.UNPIN)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.DELETE)), net.jqwik.api.Tuple.of(2, Arbitraries.just(Op.GC)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.RESTART)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.CRASH))), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 1 << 20)).as(Action::new);
        return one.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 200)
    void onDisk(@ForAll("actions") List<Action> actions) throws Exception {
        Path dir = StoreDirs.ON_DISK.newDir();
        try {
            run(dir, actions);
        } finally {
            StoreDirs.release(dir);
        }
    }

    @Property(tries = 200)
    void inMemory(@ForAll("actions") List<Action> actions) throws Exception {
        Path dir = StoreDirs.IN_MEMORY.newDir();
        try {
            run(dir, actions);
        } finally {
            StoreDirs.release(dir);
        }
    }

    /** A view held open across later operations, with the bytes it must keep reading. */
    record HeldView(VolumeView view, byte[] bytes) {
    }

    /** The model of one volume: its current bytes and every point it has marked, with their bytes. */
    static final class ModelVolume {
        byte[] current = new byte[0];
        final List<Point> points = new ArrayList<>();
        final List<byte[]> pointBytes = new ArrayList<>();
        final Set<Lsn> pins = new HashSet<>();
        final boolean zeroRetention;

        ModelVolume(boolean zeroRetention) {
            this.zeroRetention = zeroRetention;
        }

        void addPoint(Point p, byte[] bytes) {
            points.add(p);
            pointBytes.add(bytes.clone());
        }

        byte[] latestPointBytes() {
            return pointBytes.get(pointBytes.size() - 1);
        }

        /**
         * After a GC: a volume with a window keeps every point (the test runs well inside one day); one without
         * keeps at least its latest and its pinned points, and the model forgets the points the store expired.
         */
        void expireAfterGc(Volume v) {
            Set<Lsn> retained = new HashSet<>();
            v.points().forEach(p -> retained.add(p.lsn()));
            Point latest = points.get(points.size() - 1);
            for (Point p : points) {
                if (!zeroRetention || p.equals(latest) || pins.contains(p.lsn())) {
                    assertThat(retained).as("%s keeps %s", v.name(), p).contains(p.lsn());
                }
            }
            for (int i = points.size() - 1; i >= 0; i--) {
                if (!retained.contains(points.get(i).lsn())) {
                    Lsn gone = points.get(i).lsn();
                    assertThatThrownBy(() -> v.openView(gone)).isInstanceOf(NoSuchPointException.class);
                    points.remove(i);
                    pointBytes.remove(i);
                }
            }
        }
    }

    private void run(Path dir, List<Action> actions) {
        StoreOptions opts = StoreDirs.testOptions();
        PageStore store = PageStore.open(dir, opts);
        Map<String, ModelVolume> model = new LinkedHashMap<>();
        List<HeldView> held = new ArrayList<>();
        int names = 0;
        Volume first = store.createVolume("v0", VolumeOptions.withRetention(Duration.ofDays(1)));
        ModelVolume m0 = new ModelVolume(false);
        m0.addPoint(first.latestPoint(), m0.current);
        model.put("v0", m0);
        try {
            for (Action act : actions) {
                if (model.isEmpty()) {
                    break;
                }
                List<String> live = new ArrayList<>(model.keySet());
                String name = live.get(act.a() % live.size());
                ModelVolume m = model.get(name);
                Volume v = store.volume(name).orElseThrow();
                switch (act.op()) {
                    case WRITE -> {
                        int pos = act.b() % 40_000;
                        int len = 1 + act.c() % 9_000;
                        byte[] data = new byte[len];
                        new Random(act.c()).nextBytes(data);
                        v.write(ByteBuffer.wrap(data), pos);
                        if (m.current.length < pos + len) {
                            m.current = Arrays.copyOf(m.current, pos + len);
                        }
                        System.arraycopy(data, 0, m.current, pos, len);
                    }
                    case TRUNCATE -> {
                        int size = m.current.length == 0 ? 0 : act.b() % m.current.length;
                        v.truncate(size);
                        m.current = Arrays.copyOf(m.current, size);
                    }
                    case MARK -> m.addPoint(v.mark(), m.current);
                    case CLONE -> {
                        int idx = act.b() % (m.points.size() + 1);
                        String cname = "v" + (++names);
                        Volume c;
                        ModelVolume cm = new ModelVolume(act.c() % 3 == 0);
                        VolumeOptions copts = VolumeOptions.withRetention(cm.zeroRetention ? Duration.ZERO : Duration.ofDays(1));
                        if (idx == m.points.size()) {
                            c = store.clone(v, null, cname, copts);
                            cm.current = m.latestPointBytes().clone();
                        } else {
                            c = store.clone(v, m.points.get(idx).lsn(), cname, copts);
                            cm.current = m.pointBytes.get(idx).clone();
                        }
                        cm.addPoint(c.latestPoint(), cm.current);
                        model.put(cname, cm);
                    }
                    case BACKTRACK -> {
                        int idx = act.b() % m.points.size();
                        Point target = m.points.get(idx);
                        if (m.zeroRetention) {
                            assertThatThrownBy(() -> v.backtrack(target.time())).isInstanceOf(NoSuchPointException.class)
                                    .hasMessageContaining("disabled");
                            break;
                        }
                        Backtrack b = v.backtrack(target.time());
                        assertThat(b.landed().lsn()).isEqualTo(target.lsn());
                        m.current = m.pointBytes.get(idx).clone();
                        m.addPoint(v.latestPoint(), m.current);
                    }
                    case VIEW -> {
                        int idx = act.b() % m.points.size();
                        try (VolumeView view = v.openView(m.points.get(idx).lsn())) {
                            assertThat(readAll(view.size(), view::read)).isEqualTo(m.pointBytes.get(idx));
                        }
                    }
                    case HOLD_VIEW -> {
                        int idx = act.b() % m.points.size();
                        held.add(new HeldView(v.openView(m.points.get(idx).lsn()), m.pointBytes.get(idx).clone()));
                    }
                    case RELEASE_VIEW -> {
                        if (!held.isEmpty()) {
                            held.remove(act.b() % held.size()).view().close();
                        }
                    }
                    case PIN -> {
                        Lsn p = m.points.get(act.b() % m.points.size()).lsn();
                        v.pin(p);
                        m.pins.add(p);
                    }
                    case UNPIN -> {
                        if (!m.pins.isEmpty()) {
                            Lsn p = new ArrayList<>(m.pins).get(act.b() % m.pins.size());
                            v.unpin(p);
                            m.pins.remove(p);
                        }
                    }
                    case DELETE -> {
                        if (model.size() > 1) {
                            store.delete(v);
                            model.remove(name);
                        }
                    }
                    case GC -> {
                        store.gc();
                        for (Map.Entry<String, ModelVolume> e : model.entrySet()) {
                            e.getValue().expireAfterGc(store.volume(e.getKey()).orElseThrow());
                        }
                    }
                    case RESTART -> {
                        closeAll(held);
                        store.close();
                        store = PageStore.open(dir, opts);
                        // A clean close marks a point on every volume with writes after its last one.
                        for (Map.Entry<String, ModelVolume> e : model.entrySet()) {
                            Volume vv = store.volume(e.getKey()).orElseThrow();
                            Point latest = vv.latestPoint();
                            ModelVolume mm = e.getValue();
                            if (!latest.equals(mm.points.get(mm.points.size() - 1))) {
                                mm.addPoint(latest, mm.current);
                            }
                        }
                    }
                    case CRASH -> {
                        // Abandon the store without closing: what was not pointed is not acknowledged.
                        closeAll(held);
                        store.abandon();
                        store = PageStore.open(dir, opts);
                        for (ModelVolume mm : model.values()) {
                            mm.current = mm.latestPointBytes().clone();
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                verify(store, model, held);
            }
            // Every retained point of every volume still reads back exactly.
            for (Map.Entry<String, ModelVolume> e : model.entrySet()) {
                Volume vv = store.volume(e.getKey()).orElseThrow();
                ModelVolume mm = e.getValue();
                for (int i = 0; i < mm.points.size(); i++) {
                    try (VolumeView view = vv.openView(mm.points.get(i).lsn())) {
                        assertThat(readAll(view.size(), view::read)).as("%s point %d", e.getKey(), i)
                                .isEqualTo(mm.pointBytes.get(i));
                    }
                }
            }
        } finally {
            closeAll(held);
            store.close();
        }
    }

    private static void closeAll(List<HeldView> held) {
        held.forEach(h -> h.view().close());
        held.clear();
    }

    private static void verify(PageStore store, Map<String, ModelVolume> model, List<HeldView> held) {
        for (Map.Entry<String, ModelVolume> e : model.entrySet()) {
            Volume v = store.volume(e.getKey()).orElseThrow();
            assertThat(v.size()).as("size of %s", e.getKey()).isEqualTo(e.getValue().current.length);
            assertThat(readAll(v.size(), v::read)).as("bytes of %s", e.getKey()).isEqualTo(e.getValue().current);
        }
        for (HeldView h : held) {
            assertThat(readAll(h.view().size(), h.view()::read)).as("held view at %s", h.view().point()).isEqualTo(h.bytes());
        }
    }

    interface Reader {
        int read(ByteBuffer dst, long pos);
    }

    static byte[] readAll(long size, Reader r) {
        byte[] out = new byte[(int) size];
        // Odd-sized reads at odd offsets exercise sub-page reads.
        int pos = 0;
        while (pos < out.length) {
            int len = Math.min(out.length - pos, 3001);
            ByteBuffer b = ByteBuffer.wrap(out, pos, len);
            int n = r.read(b, pos);
            assertThat(n).isEqualTo(len);
            pos += len;
        }
        ByteBuffer tail = ByteBuffer.allocate(10);
        assertThat(r.read(tail, size)).isEqualTo(-1);
        return out;
    }
}
