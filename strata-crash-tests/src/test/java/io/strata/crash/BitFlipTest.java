package io.strata.crash;

import io.strata.storage.CorruptDataException;
import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.StorageException;
import io.strata.storage.Volume;
import io.strata.storage.VolumeView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bit flips in the log: a damaged page payload is reported when read (CorruptDataException naming volume,
 * page and file) while everything else reads fine (unless it lies in the newest segment's last unproven
 * stretch, which recovery must treat as a torn tail); a damaged record header in the middle of the log stops
 * the open with a CorruptDataException naming file and offset; and for random flips anywhere, no read ever
 * returns bytes other than the ones written.
 *
 * <p>The base store (two volumes, ~200 generations over several segments) is abandoned without a close, so
 * there is no checkpoint and the open replays, and checks, every record.
 */
class BitFlipTest {
    private static final long SEED = Long.getLong("strata.crash.seed", 20261125L);
    @TempDir
    static Path tmp;
    private static Path base;
    private static History history;
    private static List<LogFiles.Rec> records;
    private static Map<Long, String> volumeOf;
    private static int trial;

    @BeforeAll
    static void buildBase() throws Exception {
        base = tmp.resolve("base");
        history = new History(SEED);
        PageStore s = PageStore.open(base, History.options());
        history.create(s, "b0", "b1");
        history.run(s, 200);
        records = LogFiles.allRecords(base);
        volumeOf = LogFiles.volumeByTimeline(base);
        assertThat(LogFiles.segments(base)).hasSizeGreaterThan(3);
        assertThat(LogFiles.checkpointPosition(base)).isNull();
    }

    private static Path fresh() throws Exception {
        return LogFiles.copy(base, tmp.resolve("trial" + trial++));
    }

    @Test
    void payloadFlipIsReportedAtReadTimeNamingVolumePageAndFile() throws Exception {
        Random rnd = new Random(SEED);
        Path newest = LogFiles.newestSegment(base);
        List<LogFiles.Rec> candidates = records.stream().filter(r -> r.type() == LogFiles.TYPE_PAGE
                && r.length() > LogFiles.HEADER && !r.file().equals(newest) && visibleAt(r) != null).toList();
        for (int i = 0; i < 12; i++) {
            LogFiles.Rec r = candidates.get(rnd.nextInt(candidates.size()));
            Path dir = fresh();
            Path file = dir.resolve("log").resolve(r.file().getFileName());
            LogFiles.flipBit(file, (r.offset() + LogFiles.HEADER) * 8 + rnd.nextInt((r.length() - LogFiles.HEADER) * 8));
            String volume = volumeOf.get(r.timeline());
            History.Mark at = visibleAt(r);
            int page = (int) r.arg();
            try (PageStore s = PageStore.open(dir, History.options())) {
                Volume vol = s.volume(volume).orElseThrow();
                VolumeModel m = history.models.get(volume);
                VolumeModel.State state = m.state(at.gen());
                try (VolumeView view = vol.openView(new Lsn(at.lsn()))) {
                    for (int p = 0; p < state.sizePages(); p++) {
                        ByteBuffer buf = ByteBuffer.allocate(Content.PAGE);
                        long pos = (long) p * Content.PAGE;
                        if (p == page) {
                            Throwable t = catchThrowable(() -> view.read(buf, pos));
                            assertThat(t).as("reading the damaged page %d of %s", page, volume)
                                    .isInstanceOf(CorruptDataException.class)
                                    .hasMessageContaining(volume).hasMessageContaining("page " + page)
                                    .hasMessageContaining(r.file().getFileName().toString());
                        } else {
                            view.read(buf, pos);
                            assertThat(buf.array()).as("undamaged page %d of %s", p, volume).isEqualTo(m.expectedPage(state, p));
                        }
                    }
                }
                // Every other point of both volumes reads exactly or, if it sees the damaged version, fails.
                assertThat(readsExactOrCorrupt(s)).isEmpty();
            }
        }
    }

    @Test
    void headerFlipInTheMiddleOfTheLogStopsTheOpen() throws Exception {
        Random rnd = new Random(SEED + 1);
        List<LogFiles.Rec> candidates = records.subList(1, records.size() - 2);
        for (int i = 0; i < 12; i++) {
            LogFiles.Rec r = candidates.get(rnd.nextInt(candidates.size()));
            Path dir = fresh();
            Path file = dir.resolve("log").resolve(r.file().getFileName());
            int byteInHeader = rnd.nextInt(LogFiles.HEADER);
            LogFiles.flipBit(file, (r.offset() + byteInHeader) * 8 + rnd.nextInt(8));
            Throwable t = catchThrowable(() -> PageStore.open(dir, History.options()).close());
            assertThat(t).as("header byte %d of the record at %d of %s", byteInHeader, r.offset(), r.file().getFileName())
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining(r.file().getFileName().toString())
                    .hasMessageContaining("offset " + r.offset());
        }
    }

    @Test
    void randomFlipsAnywhereNeverReturnWrongData() throws Exception {
        Random rnd = new Random(SEED + 2);
        List<Path> segs = LogFiles.segments(base);
        long total = 0;
        for (Path s : segs) {
            total += Files.size(s);
        }
        // Records from here on in the newest segment were forced by no later record's account: damage there
        // cannot be told from a torn tail, so recovery cuts it, and the points in it may go with it.
        LogFiles.Rec last = records.get(records.size() - 1);
        long unproven = records.stream().filter(r -> r.file().equals(last.file())).mapToLong(LogFiles.Rec::durable)
                .max().orElse(0);
        int opened = 0;
        int refused = 0;
        int flips = 60;
        for (int i = 0; i < flips; i++) {
            long at = (long) (rnd.nextDouble() * total);
            Path seg = null;
            for (Path s : segs) {
                if (at < Files.size(s)) {
                    seg = s;
                    break;
                }
                at -= Files.size(s);
            }
            Path dir = fresh();
            LogFiles.flipBit(dir.resolve("log").resolve(seg.getFileName()), at * 8 + rnd.nextInt(8));
            PageStore s;
            try {
                s = PageStore.open(dir, History.options());
            } catch (CorruptDataException e) {
                assertThat(e).hasMessageContaining(seg.getFileName().toString());
                refused++;
                continue;
            }
            try (s) {
                boolean inTail = seg.equals(last.file()) && at >= unproven;
                List<String> problems = readsExactOrCorrupt(s);
                if (!inTail) {
                    for (History.Mark m : history.marks.values()) {
                        if (s.volume(m.volume()).orElseThrow().points().stream().noneMatch(p -> p.lsn().value() == m.lsn())) {
                            problems.add(m.volume() + ": point lsn:" + m.lsn() + " lost to a flip at " + at + " of " + seg.getFileName());
                        }
                    }
                }
                assertThat(problems).as("flip at byte %d of %s", at, seg.getFileName()).isEmpty();
                opened++;
            }
        }
        System.out.printf("BitFlipTest: %d random flips (seed %d): %d opens refused with CorruptDataException, "
                + "%d opened and every read was exact or CorruptDataException%n", flips, SEED, refused, opened);
    }

    /** Every retained point of every volume: each page reads exactly as written, or throws CorruptDataException. */
    private static List<String> readsExactOrCorrupt(PageStore s) {
        List<String> problems = new ArrayList<>();
        for (History.Mark mk : history.marks.values()) {
            Volume vol = s.volume(mk.volume()).orElseThrow();
            if (vol.points().stream().noneMatch(p -> p.lsn().value() == mk.lsn())) {
                continue;
            }
            VolumeModel m = history.models.get(mk.volume());
            VolumeModel.State state = m.state(mk.gen());
            try (VolumeView view = vol.openView(new Lsn(mk.lsn()))) {
                if (view.size() != (long) state.sizePages() * Content.PAGE) {
                    problems.add(mk.volume() + "@" + mk.lsn() + ": size " + view.size());
                    continue;
                }
                for (int p = 0; p < state.sizePages(); p++) {
                    ByteBuffer buf = ByteBuffer.allocate(Content.PAGE);
                    try {
                        view.read(buf, (long) p * Content.PAGE);
                    } catch (CorruptDataException e) {
                        continue;
                    } catch (StorageException e) {
                        problems.add(mk.volume() + "@" + mk.lsn() + " page " + p + ": " + e);
                        continue;
                    }
                    if (!Arrays.equals(buf.array(), m.expectedPage(state, p))) {
                        problems.add(mk.volume() + "@" + mk.lsn() + " page " + p + ": WRONG DATA returned");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The first point at which record {@code r}'s page version is what its volume reads (the next point of its
     * volume after it, if no later write of the same page precedes that point); null if it is never read.
     */
    private static History.Mark visibleAt(LogFiles.Rec r) {
        String volume = volumeOf.get(r.timeline());
        History.Mark next = history.marks.tailMap(r.lsn(), false).values().stream()
                .filter(m -> m.volume().equals(volume)).findFirst().orElse(null);
        if (next == null) {
            return null;
        }
        boolean overwritten = records.stream().anyMatch(o -> o.type() == LogFiles.TYPE_PAGE && o.timeline() == r.timeline()
                && o.arg() == r.arg() && o.lsn() > r.lsn() && o.lsn() < next.lsn());
        return overwritten ? null : next;
    }
}
