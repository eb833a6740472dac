package io.strata.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of `strata server` under write load, many rounds: after each restart every commit a client saw
 * acknowledged is there, and no transaction is half there.
 */
class ServerKillTest {
    private static final int ROUNDS = 8;
    private static final int WRITERS = 3;

    @Test
    void acknowledgedCommitsSurviveKillNine() throws Exception {
        Path dir = Files.createTempDirectory("strata-kill-");
        int port = StrataServerProcess.freePort();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Set<Long> acked = new ConcurrentSkipListSet<>();
        try (StrataServerProcess s = StrataServerProcess.start(dir, port);
             Connection c = s.connect("")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE app");
                st.execute("CREATE TABLE app.t (id BIGINT PRIMARY KEY, writer INT NOT NULL, v INT NOT NULL)");
                st.execute("CREATE TABLE app.counter (writer INT PRIMARY KEY, n BIGINT NOT NULL)");
                for (int w = 0; w < WRITERS; w++) {
                    st.execute("INSERT INTO app.counter VALUES (" + w + ", 0)");
                }
            }
            s.close();
        }
        long nextId = 1;
        int verified = 0;
        for (int round = 0; round < ROUNDS; round++) {
            StrataServerProcess s = StrataServerProcess.start(dir, port);
            verified += check(s, acked);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                final int writer = w;
                final long base = nextId + (long) w * 1_000_000;
                Thread t = new Thread(() -> write(s, writer, base, acked, stop));
                t.start();
                writers.add(t);
            }
            nextId += WRITERS * 1_000_000L;
            Thread.sleep(300 + rnd.nextInt(1200));
            s.kill();
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        try (StrataServerProcess s = StrataServerProcess.start(dir, port)) {
            verified += check(s, acked);
        }
        System.out.printf("kill -9 rounds=%d acknowledged commits=%d checks=%d seed=%d%n", ROUNDS, acked.size(), verified, seed);
        assertThat(acked).isNotEmpty();
    }

    /** One transaction: insert a row and bump the writer's counter; acknowledged only when commit returns. */
    private static void write(StrataServerProcess s, int writer, long base, Set<Long> acked, AtomicBoolean stop) {
        try (Connection c = s.connect("app")) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)");
                 PreparedStatement inc = c.prepareStatement("UPDATE counter SET n = n + 1 WHERE writer = ?")) {
                for (long id = base; !stop.get(); id++) {
                    ins.setLong(1, id);
                    ins.setInt(2, writer);
                    ins.setInt(3, (int) id);
                    ins.executeUpdate();
                    inc.setInt(1, writer);
                    inc.executeUpdate();
                    c.commit();
                    acked.add(id);
                }
            }
        } catch (SQLException e) {
            // the server was killed under us: what was not acknowledged may or may not be there
        }
    }

    private static int check(StrataServerProcess s, Set<Long> acked) throws SQLException {
        Set<Long> present = new java.util.HashSet<>();
        try (Connection c = s.connect("app"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id FROM t")) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
            assertThat(present).as("acknowledged commits after restart").containsAll(acked);
            try (ResultSet rs = st.executeQuery(
                    "SELECT c.writer, c.n, (SELECT COUNT(*) FROM t WHERE t.writer = c.writer) FROM counter c")) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as("writer %d: counter equals its rows (no half transaction)", rs.getInt(1))
                            .isEqualTo(rs.getLong(3));
                }
            }
        }
        return acked.size();
    }
}
