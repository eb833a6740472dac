package io.strata.it;

import io.strata.engine.h2.StoreHeader;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import io.strata.storage.VolumeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of `strata server` under write load, round after round. Three writers run transactions of three
 * statements: insert a row of their own, bump their own counter, and move one unit between two of four
 * shared accounts (taken in random order, so writers wait for each other's row locks and sometimes
 * deadlock; a deadlock victim retries). After every restart: every commit a client saw acknowledged is
 * there, nothing is there that was not at least sent as a commit, and no transaction is half there (each
 * writer's counter equals its rows, the accounts still sum to zero).
 *
 * <p>Every round must acknowledge commits, and no writer may fail before the kill. The kill comes a random time
 * after the round's first acknowledged commit: half the rounds write for
 * 2-3 s, past the point where H2 starts reusing chunk space (the server keeps dead chunks 1 s): the
 * case where H2 on its own would recover without the last commit. At the end the volume's history must
 * show that reuse happened (a store header naming a chunk below one named before).
 */
class ServerKillTest {
    private static final int ROUNDS = 6;
    private static final int WRITERS = 3;
    private static final int ACCOUNTS = 4;

    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveKillNine() throws Exception {
        int port = StrataServerProcess.freePort();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Set<Long> acked = new ConcurrentSkipListSet<>();
        Set<Long> sent = new ConcurrentSkipListSet<>(); // commits sent, acknowledged or not
        try (StrataServerProcess s = StrataServerProcess.start(dir, port);
             Connection c = s.connect("")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE app");
                st.execute("CREATE TABLE app.t (id BIGINT PRIMARY KEY, writer INT NOT NULL, v INT NOT NULL)");
                st.execute("CREATE TABLE app.counter (writer INT PRIMARY KEY, n BIGINT NOT NULL)");
                st.execute("CREATE TABLE app.account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                for (int w = 0; w < WRITERS; w++) {
                    st.execute("INSERT INTO app.counter VALUES (" + w + ", 0)");
                }
                for (int a = 0; a < ACCOUNTS; a++) {
                    st.execute("INSERT INTO app.account VALUES (" + a + ", 0)");
                }
            }
        }
        long nextId = 1;
        long deadlocks = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            StrataServerProcess s = StrataServerProcess.start(dir, port);
            check(s, acked, sent);
            boolean longRound = round % 2 == 0;
            long writeMillis = longRound ? 2_000 + rnd.nextInt(1_000) : 300 + rnd.nextInt(1_200);
            AtomicBoolean killed = new AtomicBoolean();
            List<Writer> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(s, w, nextId + (long) w * 1_000_000, seed + round * 31L + w, acked, sent, killed);
                writer.start();
                writers.add(writer);
            }
            nextId += WRITERS * 1_000_000L;
            // The kill comes writeMillis after the round's first acknowledged commit, so a slow start (a loaded
            // machine, the first connection's handshake) cannot leave a round with nothing to check.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (writers.stream().mapToLong(w -> w.acks).sum() == 0 && writers.stream().allMatch(Thread::isAlive)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(writeMillis);
            killed.set(true);
            s.kill();
            long roundAcks = 0;
            for (Writer w : writers) {
                w.join();
                assertThat(w.failure).as("round %d, writer %d failed before the kill", round, w.writer).isNull();
                roundAcks += w.acks;
                deadlocks += w.deadlocks;
            }
            rounds.add(writeMillis + " ms: " + roundAcks + " acks");
            assertThat(roundAcks).as("round %d (%d ms) acknowledged commits", round, writeMillis).isPositive();
        }
        try (StrataServerProcess s = StrataServerProcess.start(dir, port)) {
            check(s, acked, sent);
        }
        System.out.printf("kill -9: %d rounds (%s), %d acknowledged commits, %d deadlocks retried, seed %d%n",
                ROUNDS, String.join(", ", rounds), acked.size(), deadlocks, seed);
        assertThat(h2ReusedChunkSpace()).as("H2 reused chunk space in some round").isTrue();
    }

    /** One writer's transactions until the server is killed. */
    private static final class Writer extends Thread {
        final int writer;
        private final StrataServerProcess server;
        private final long base;
        private final Random random;
        private final Set<Long> acked;
        private final Set<Long> sent;
        private final AtomicBoolean killed;
        volatile long acks;
        volatile long deadlocks;
        volatile Exception failure;

        Writer(StrataServerProcess server, int writer, long base, long seed, Set<Long> acked, Set<Long> sent,
               AtomicBoolean killed) {
            super("writer-" + writer);
            this.server = server;
            this.writer = writer;
            this.base = base;
            this.random = new Random(seed);
            this.acked = acked;
            this.sent = sent;
            this.killed = killed;
        }

        @Override
        public void run() {
            try (Connection c = server.connect("app")) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET SESSION innodb_lock_wait_timeout = 50"); // MySQL's default; a loaded box is slow
                }
                c.setAutoCommit(false);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)");
                     PreparedStatement inc = c.prepareStatement("UPDATE counter SET n = n + 1 WHERE writer = ?");
                     PreparedStatement move = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?")) {
                    for (long id = base; !killed.get(); ) {
                        int from = random.nextInt(ACCOUNTS);
                        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        try {
                            ins.setLong(1, id);
                            ins.setInt(2, writer);
                            ins.setInt(3, (int) id);
                            ins.executeUpdate();
                            inc.setInt(1, writer);
                            inc.executeUpdate();
                            move.setLong(1, -1);
                            move.setInt(2, from);
                            move.executeUpdate();
                            move.setLong(1, 1);
                            move.setInt(2, to);
                            move.executeUpdate();
                            sent.add(id);
                            c.commit();
                        } catch (SQLException e) {
                            if (e.getErrorCode() != 1213 || killed.get()) {
                                throw e;
                            }
                            deadlocks++; // the server rolled this transaction back: run it again
                            c.rollback();
                            continue;
                        }
                        acked.add(id);
                        acks++;
                        id++;
                    }
                }
            } catch (SQLException e) {
                if (!killed.get()) {
                    failure = e; // not the kill: a real error
                }
                // else the server was killed under us: what was not acknowledged may or may not be there
            }
        }
    }

    private static void check(StrataServerProcess s, Set<Long> acked, Set<Long> sent) throws SQLException {
        Set<Long> present = new HashSet<>();
        try (Connection c = s.connect("app"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id FROM t")) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
            assertThat(present).as("acknowledged commits after restart").containsAll(acked);
            assertThat(sent).as("rows whose commit was never sent").containsAll(present);
            try (ResultSet rs = st.executeQuery(
                    "SELECT c.writer, c.n, (SELECT COUNT(*) FROM t WHERE t.writer = c.writer) FROM counter c")) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as("writer %d: counter equals its rows (no half transaction)", rs.getInt(1))
                            .isEqualTo(rs.getLong(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT SUM(balance), COUNT(*) FROM account")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("accounts sum to zero (no half transfer)").isZero();
                assertThat(rs.getLong(2)).isEqualTo(ACCOUNTS);
            }
        }
    }

    /**
     * Whether H2 ever placed a chunk below one it had placed before, as seen in the store headers of the
     * volume's points (read with the server stopped). Without reuse H2 only appends chunks.
     */
    private boolean h2ReusedChunkSpace() {
        try (PageStore store = PageStore.open(dir.resolve("storage"))) {
            for (Volume v : store.volumes()) {
                long highest = -1;
                for (Point p : v.points()) {
                    Optional<StoreHeader> header;
                    try (VolumeView view = v.openView(p.lsn())) {
                        header = StoreHeader.read(view);
                    }
                    if (header.isEmpty() || !header.get().namesChunk()) {
                        continue;
                    }
                    if (header.get().block() < highest) {
                        return true;
                    }
                    highest = Math.max(highest, header.get().block());
                }
            }
        }
        return false;
    }
}
