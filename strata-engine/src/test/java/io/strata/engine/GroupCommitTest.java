package io.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.StoreOptions;
import io.strata.storage.Volume;
import io.strata.storage.VolumeOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit in {@link CommitGate}: commits that queue while another commit holds the gate share one
 * store, one point and one fsync, and every acknowledgement still waits for a durable point holding what
 * it acknowledges, including a read-only transaction that saw a commit not yet stored.
 *
 * <p>A DDL statement holds the gate deterministically: {@code CREATE TABLE ... AS SELECT GATE_HOLD()}
 * commits inside H2 (so it runs inside the gate) and its query calls {@link #hold()}, which waits until the
 * test lets it go. The others are let go only once they are all queued for the gate's lock.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a speed bound
public class GroupCommitTest {

    private static volatile CountDownLatch entered;
    private static volatile CountDownLatch release;
    private static volatile CountDownLatch enteredStatement;
    private static volatile CountDownLatch releaseStatement;

    /** Called by H2 inside the gate (see the class comment). */
    public static int hold() throws InterruptedException {
        entered.countDown();
        release.await();
        return 1;
    }

    /** Called by H2 inside a statement (not a commit): holds the statement running until the test lets it go. */
    public static int holdStatement() throws InterruptedException {
        enteredStatement.countDown();
        releaseStatement.await();
        return 1;
    }

    @TempDir
    Path dir;
    PageStore store;
    Volume volume;
    Database db;

    @BeforeEach
    void setUp() throws SQLException {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        enteredStatement = new CountDownLatch(1);
        releaseStatement = new CountDownLatch(1);
        // No background GC: its fsyncs would be counted with the commits'.
        store = PageStore.open(dir, StoreOptions.defaults().withFsync(true).withGcInterval(Duration.ZERO));
        volume = store.createVolume("main", VolumeOptions.defaults());
        // A group-commit wait far longer than the test needs: whether a commit waited for a statement is then
        // a matter of order, not of timing.
        db = Database.open(volume, EngineOptions.defaults().withGroupCommitWait(Duration.ofMinutes(1)));
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("CREATE ALIAS GATE_HOLD FOR '" + GroupCommitTest.class.getName() + ".hold'");
            s.execute("CREATE ALIAS STATEMENT_HOLD FOR '" + GroupCommitTest.class.getName() + ".holdStatement'");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        release.countDown();
        releaseStatement.countDown();
        db.close();
        store.close();
    }

    @Test
    void commitsQueuedBehindACommitShareOneStoreOnePointAndOneFsync() throws Exception {
        List<Connection> open = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            Connection c = db.open();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
            }
            open.add(c);
        }
        List<AtomicReference<Point>> acks = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        threads.add(committer("holder", acks, failure, () -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE held AS SELECT GATE_HOLD() AS x");
            }
        }));
        threads.get(0).start();
        entered.await();
        long chunks = db.chunkWrites();
        int points = volume.points().size();
        long fsyncs = store.fsyncs();
        for (Connection c : open) {
            Thread t = committer("committer", acks, failure, c::commit);
            threads.add(t);
            t.start();
        }
        awaitWaitingInGate(3);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();

        // Four commits (the DDL's and three transactions'): one store, one point, one fsync.
        assertThat(db.chunkWrites() - chunks).as("chunks stored").isEqualTo(1);
        assertThat(volume.points().size() - points).as("points appended").isEqualTo(1);
        assertThat(store.fsyncs() - fsyncs).as("fsyncs").isEqualTo(1);
        Point shared = volume.points().get(volume.points().size() - 1);
        for (AtomicReference<Point> ack : acks) {
            assertThat(ack.get().lsn()).as("every commit acked by the shared point").isEqualTo(shared.lsn());
        }
        assertThat(countAt(shared, "SELECT COUNT(*) FROM t")).isEqualTo(3);
        assertThat(countAt(shared, "SELECT COUNT(*) FROM held")).isEqualTo(1);
        for (Connection c : open) {
            c.close();
        }
    }

    /**
     * A commit about to store lets a statement another session is running finish and commit first, so both
     * share one store, point and fsync: the statement starts while the first commit runs in H2 (it queued for
     * the gate behind it) and is still running when that commit would store.
     */
    @Test
    void aCommitAboutToStoreLetsARunningStatementOfAnotherSessionCommitWithIt() throws Exception {
        List<AtomicReference<Point>> acks = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Connection other = db.open(); // opened first: opening a session runs statements of its own
        Thread first = committer("first", acks, failure, () -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE held AS SELECT GATE_HOLD() AS x"); // a commit, held inside the gate
            }
        });
        first.start();
        entered.await();
        long chunks = db.chunkWrites();
        int points = volume.points().size();
        Thread second = committer("second", acks, failure, () -> {
            try (Statement s = other.createStatement()) {
                s.executeUpdate("INSERT INTO t SELECT 100 + STATEMENT_HOLD()"); // auto-commit: then it commits
            }
        });
        second.start();
        while (second.getState() != Thread.State.WAITING) {
            Thread.sleep(1); // until the insert waits for the commit to let statements run again
        }
        release.countDown(); // the first commit ends in H2; the insert starts and is held running
        enteredStatement.await();
        Thread.sleep(200);
        assertThat(volume.points().size()).as("the first commit has not stored: a statement of another session runs")
                .isEqualTo(points);
        releaseStatement.countDown();
        first.join();
        second.join();
        assertThat(failure.get()).isNull();

        assertThat(db.chunkWrites() - chunks).as("chunks stored").isEqualTo(1);
        assertThat(volume.points().size() - points).as("points appended").isEqualTo(1);
        Point shared = volume.points().get(volume.points().size() - 1);
        assertThat(acks.get(0).get().lsn()).isEqualTo(shared.lsn());
        assertThat(acks.get(1).get().lsn()).isEqualTo(shared.lsn());
        other.close();
        assertThat(countAt(shared, "SELECT COUNT(*) FROM t WHERE id = 101")).isEqualTo(1);
        assertThat(countAt(shared, "SELECT COUNT(*) FROM held")).isEqualTo(1);
    }

    @Test
    void aReadOnlyTransactionThatSawACommitNotYetStoredWaitsForAPointHoldingIt() throws Exception {
        Connection writer = db.open();
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (10)");
        }
        List<AtomicReference<Point>> acks = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        // H2 commits the insert, in memory, before it runs the DDL, which then holds the gate.
        Thread holder = committer("holder", acks, failure, () -> {
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE held AS SELECT GATE_HOLD() AS x");
            }
        });
        holder.start();
        entered.await();
        int points = volume.points().size();
        AtomicLong seen = new AtomicLong(-1);
        Thread reader = committer("reader", acks, failure, () -> {
            try (Connection c = db.open(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t WHERE id = 10")) {
                r.next();
                seen.set(r.getLong(1));
            }
        });
        reader.start();
        awaitWaitingInGate(1); // the reader has read and waits to learn which commits it may have seen
        assertThat(volume.points().size()).as("no point yet holds the insert").isEqualTo(points);
        release.countDown();
        holder.join();
        reader.join();
        writer.close();
        assertThat(failure.get()).isNull();

        assertThat(seen.get()).as("the reader saw the insert H2 had committed").isEqualTo(1);
        Point readerAck = acks.get(1).get();
        assertThat(readerAck.lsn()).isGreaterThan(volume.points().get(points - 1).lsn());
        assertThat(countAt(readerAck, "SELECT COUNT(*) FROM t WHERE id = 10")).as("at the reader's point").isEqualTo(1);
    }

    private interface Action {
        void run() throws Exception;
    }

    /** A thread that runs {@code action} and records the point that acknowledged it. */
    private Thread committer(String name, List<AtomicReference<Point>> acks, AtomicReference<Exception> failure,
                             Action action) {
        AtomicReference<Point> ack = new AtomicReference<>();
        acks.add(ack);
        return new Thread(() -> {
            try {
                action.run();
                ack.set(db.lastAckedPointOfThisThread());
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }, name);
    }

    private void awaitWaitingInGate(int threads) throws InterruptedException {
        while (db.threadsWaitingInCommitGate() < threads) {
            Thread.sleep(1);
        }
    }

    private long countAt(Point point, String sql) throws SQLException {
        String name = "at-" + point.lsn().value();
        try (Database at = Database.openAt(store, volume, point.lsn(), name, EngineOptions.defaults())) {
            return DatabaseTest.count(at, sql);
        } finally {
            store.volume(name).ifPresent(store::delete);
        }
    }
}
