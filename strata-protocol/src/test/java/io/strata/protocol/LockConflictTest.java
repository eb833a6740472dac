package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.protocol.TestServer.Client;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Row-lock conflicts over the wire, as MySQL reports them, with both drivers (text and binary protocol):
 * a deadlock is error 1213 (SQLSTATE 40001) and rolls the victim's transaction back; a lock wait timeout is
 * error 1205 (SQLSTATE HY000 on the wire) and undoes only the statement. Either way the connection stays
 * usable.
 */
class LockConflictTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"MYSQL", "MYSQL_PS", "MARIADB", "MARIADB_PS"})
    void aDeadlockIs1213AndRollsTheVictimBack(Client client) throws Exception {
        String table = "dl_" + client.name().toLowerCase();
        try (Connection a = server.connect(client); Connection b = server.connect(client)) {
            createTable(a, table, 2);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            update(a, table, 1, 10);
            update(b, table, 2, 20);
            // Each now wants the other's row. Whichever asks second closes the cycle; one of them is the victim.
            CompletableFuture<Object> aWaits = CompletableFuture.supplyAsync(() -> outcome(a, table, 2, 10));
            Object bOutcome = outcome(b, table, 1, 20);
            Object aOutcome = aWaits.get(2, TimeUnit.MINUTES); // a hang guard, not a speed bound
            List<Object> outcomes = List.of(aOutcome, bOutcome);
            assertThat(outcomes).filteredOn(o -> o instanceof SQLException).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof Integer).containsExactly(1);
            SQLException deadlock = (SQLException) outcomes.stream().filter(o -> o instanceof SQLException).findFirst().get();
            assertThat(deadlock.getErrorCode()).as(deadlock.toString()).isEqualTo(1213);
            assertThat(deadlock.getSQLState()).isEqualTo("40001");
            assertThat(deadlock.getMessage()).contains("Deadlock found when trying to get lock");

            Connection survivor = aOutcome instanceof Integer ? a : b;
            Connection victim = survivor == a ? b : a;
            int survivorValue = survivor == a ? 10 : 20;
            survivor.commit();
            // The victim's transaction was rolled back as a whole: only the survivor's updates are there.
            try (Statement s = victim.createStatement(); ResultSet r = s.executeQuery("SELECT id, v FROM " + table + " ORDER BY id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(2)).isEqualTo(survivorValue);
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(2)).isEqualTo(survivorValue);
            }
            // The victim's connection goes on: a new transaction on the same rows commits.
            update(victim, table, 1, 99);
            victim.commit();
            try (Statement s = survivor.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM " + table + " WHERE id = 1")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(99);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"MYSQL", "MYSQL_PS", "MARIADB", "MARIADB_PS"})
    void aLockWaitTimeoutIs1205AndUndoesOnlyTheStatement(Client client) throws Exception {
        String table = "lw_" + client.name().toLowerCase();
        try (Connection holder = server.connect(client); Connection waiter = server.connect(client)) {
            createTable(holder, table, 1);
            holder.setAutoCommit(false);
            update(holder, table, 1, 1);
            try (Statement s = waiter.createStatement()) {
                s.execute("SET SESSION innodb_lock_wait_timeout = 1");
            }
            waiter.setAutoCommit(false);
            try (Statement s = waiter.createStatement()) {
                s.execute("INSERT INTO " + table + " VALUES (2, 2)");
            }
            Object timedOut = outcome(waiter, table, 1, 5);
            assertThat(timedOut).isInstanceOf(SQLException.class);
            SQLException e = (SQLException) timedOut;
            assertThat(e.getErrorCode()).as(e.toString()).isEqualTo(1205);
            // The server sends SQLSTATE HY000, as MySQL does; MySQL Connector/J maps 1205 to 40001 itself.
            assertThat(e.getSQLState()).isEqualTo(client.mariadb() ? "HY000" : "40001");
            assertThat(e.getMessage()).contains("Lock wait timeout exceeded");
            // Only the statement was undone: the waiter's transaction, and its insert, go on.
            waiter.commit();
            holder.commit();
            List<Integer> values = new ArrayList<>();
            try (Statement s = waiter.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM " + table + " ORDER BY id")) {
                while (r.next()) {
                    values.add(r.getInt(1));
                }
            }
            assertThat(values).containsExactly(1, 2);
            waiter.commit();
        }
    }

    /**
     * MySQL's REPEATABLE READ over the wire: plain reads see the transaction's snapshot, UPDATE and DELETE act
     * on the latest committed row, also after waiting for its lock. (H2's own REPEATABLE READ answered both
     * updates below with 1213 and rolled the transaction back.)
     */
    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"MYSQL", "MYSQL_PS", "MARIADB", "MARIADB_PS"})
    void updatesUnderRepeatableReadActOnTheLatestCommittedRow(Client client) throws Exception {
        String table = "cr_" + client.name().toLowerCase();
        try (Connection a = server.connect(client); Connection b = server.connect(client)) {
            createTable(a, table, 2);
            a.setAutoCommit(false);
            try (Statement s = a.createStatement(); ResultSet r = s.executeQuery("SELECT @@transaction_isolation")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("REPEATABLE-READ"); // MySQL's default, and Strata's
            }
            assertThat(firstLong(a, "SELECT SUM(v) FROM " + table)).isZero(); // a's snapshot
            execute(b, "UPDATE " + table + " SET v = v + 1 WHERE id = 1");
            execute(b, "INSERT INTO " + table + " VALUES (3, 0)");
            assertThat(execute(a, "UPDATE " + table + " SET v = v + 10 WHERE id = 1")).isEqualTo(1);
            assertThat(firstLong(a, "SELECT v FROM " + table + " WHERE id = 1")).isEqualTo(11);
            assertThat(firstLong(a, "SELECT COUNT(*) FROM " + table)).isEqualTo(2); // b's row is not in the snapshot

            b.setAutoCommit(false);
            execute(b, "UPDATE " + table + " SET v = v + 100 WHERE id = 2");
            CompletableFuture<Object> aWaits = CompletableFuture.supplyAsync(() -> {
                try {
                    return execute(a, "UPDATE " + table + " SET v = v + 1000 WHERE id = 2");
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(300); // lets a meet b's lock; the outcome must be the same if it did not
            b.commit();
            assertThat(aWaits.get(1, TimeUnit.MINUTES)).isEqualTo(1); // a hang guard, not a speed bound
            a.commit();
            assertThat(firstLong(b, "SELECT v FROM " + table + " WHERE id = 2")).isEqualTo(1100);
            assertThat(firstLong(b, "SELECT SUM(v) FROM " + table)).isEqualTo(1111);
        }
    }

    private static int execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static long firstLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

    /**
     * Without SET, a lock waits as long as {@code innodb_lock_wait_timeout} says (50 s, MySQL's default), not H2's
     * 2 s; SET GLOBAL innodb_lock_wait_timeout reaches sessions opened afterwards.
     */
    @Test
    void theLockWaitFollowsInnodbLockWaitTimeout() throws Exception {
        String table = "lwt";
        try (Connection holder = server.connect(Client.MYSQL); Connection waiter = server.connect(Client.MYSQL)) {
            createTable(holder, table, 1);
            holder.setAutoCommit(false);
            // A locking read: the holder holds the row without changing it
            try (Statement s = holder.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT v FROM " + table + " WHERE id = 1 FOR UPDATE")) {
                assertThat(r.next()).isTrue();
            }
            CompletableFuture<Object> waits = CompletableFuture.supplyAsync(() -> outcome(waiter, table, 1, 2));
            Thread.sleep(3000); // longer than H2's own default lock timeout (2 s)
            assertThat(waits).as("still waiting for the lock").isNotDone();
            holder.commit();
            assertThat(waits.get(1, TimeUnit.MINUTES)).isEqualTo(1); // a hang guard, not a speed bound

            update(holder, table, 1, 3);
            try (Statement s = holder.createStatement()) {
                s.execute("SET GLOBAL innodb_lock_wait_timeout = 1");
            }
            try (Connection later = server.connect(Client.MYSQL); Statement s = later.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT @@innodb_lock_wait_timeout, @@global.innodb_lock_wait_timeout")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).isEqualTo(1);
                    assertThat(r.getLong(2)).isEqualTo(1);
                }
                Object timedOut = outcome(later, table, 1, 4);
                assertThat(timedOut).isInstanceOf(SQLException.class);
                assertThat(((SQLException) timedOut).getErrorCode()).isEqualTo(1205);
            } finally {
                try (Statement s = holder.createStatement()) {
                    s.execute("SET GLOBAL innodb_lock_wait_timeout = DEFAULT");
                }
                holder.commit();
            }
        }
    }

    /** Creates {@code table (id INT PRIMARY KEY, v INT)} with rows 1..{@code rows}, each v = 0. */
    private static void createTable(Connection c, String table, int rows) throws SQLException {
        execute(c, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
        StringBuilder values = new StringBuilder();
        for (int id = 1; id <= rows; id++) {
            values.append(id == 1 ? "" : ", ").append('(').append(id).append(", 0)");
        }
        execute(c, "INSERT INTO " + table + " VALUES " + values);
    }

    private static void update(Connection c, String table, int id, int v) throws SQLException {
        assertThat(execute(c, "UPDATE " + table + " SET v = " + v + " WHERE id = " + id)).isEqualTo(1);
    }

    /** The update count of {@code UPDATE table SET v = v WHERE id = id} through a prepared statement, or its error. */
    private static Object outcome(Connection c, String table, int id, int v) {
        try (var ps = c.prepareStatement("UPDATE " + table + " SET v = ? WHERE id = ?")) {
            ps.setInt(1, v);
            ps.setInt(2, id);
            return ps.executeUpdate();
        } catch (SQLException e) {
            return e;
        }
    }
}
