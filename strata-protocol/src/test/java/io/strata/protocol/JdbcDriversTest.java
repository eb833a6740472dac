package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.protocol.TestServer.Client;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both JDBC drivers, with and without server-side prepared statements, with and without TLS. */
class JdbcDriversTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String table(Client c, String base) {
        return base + "_" + c.name().toLowerCase();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void crudWithPreparedStatementsAndGeneratedKeys(Client client) throws Exception {
        String t = table(client, "people");
        try (Connection c = server.connect(client); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t);
            s.execute("CREATE TABLE " + t + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
                    + " age INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (name, age) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "ann");
                ps.setInt(2, 31);
                assertThat(ps.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(1);
                }
                ps.setString(1, "bob");
                ps.setNull(2, Types.INTEGER);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(2);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
            assertThat(s.executeUpdate("UPDATE " + t + " SET age = age + 1 WHERE name = 'ann'")).isEqualTo(1);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, age FROM " + t + " WHERE id >= ? ORDER BY id")) {
                ps.setLong(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("name")).isEqualTo("ann");
                    assertThat(rs.getInt("age")).isEqualTo(32);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo("bob");
                    assertThat(rs.getObject(3)).isNull();
                    assertThat(rs.next()).isFalse();
                }
            }
            assertThat(s.executeUpdate("DELETE FROM " + t)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void typesRoundTrip(Client client) throws Exception {
        String t = table(client, "types");
        byte[] blob = new byte[70_000];
        for (int i = 0; i < blob.length; i++) blob[i] = (byte) i;
        String emoji = "héllo 😀 \\ ' \" 世界";
        LocalDateTime dt = LocalDateTime.of(2024, 2, 29, 13, 45, 59, 123_456_000);
        try (Connection c = server.connect(client); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t);
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, ti TINYINT, si SMALLINT, bi BIGINT, dec1 DECIMAL(12,3),"
                    + " dbl DOUBLE, fl FLOAT, txt VARCHAR(100), lt LONGTEXT, bl LONGBLOB, d DATE, dtm DATETIME(6),"
                    + " tm TIME, b BOOLEAN)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setByte(2, (byte) -7);
                ps.setShort(3, (short) 30000);
                ps.setLong(4, Long.MAX_VALUE);
                ps.setBigDecimal(5, new BigDecimal("123456789.125"));
                ps.setDouble(6, 3.5e100);
                ps.setFloat(7, 1.25f);
                ps.setString(8, emoji);
                ps.setString(9, emoji.repeat(1000));
                ps.setBytes(10, blob);
                ps.setObject(11, LocalDate.of(1999, 12, 31));
                ps.setObject(12, dt);
                ps.setObject(13, LocalTime.of(23, 59, 58));
                ps.setBoolean(14, true);
                ps.executeUpdate();
                ps.setInt(1, 2);
                for (int i = 2; i <= 14; i++) ps.setNull(i, Types.NULL);
                ps.executeUpdate();
            }
            for (boolean prepared : new boolean[] {false, true}) {
                String q = "SELECT * FROM " + t + " ORDER BY id";
                try (PreparedStatement ps = c.prepareStatement(q); ResultSet rs = prepared ? ps.executeQuery()
                        : s.executeQuery(q)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getByte("ti")).isEqualTo((byte) -7);
                    assertThat(rs.getShort("si")).isEqualTo((short) 30000);
                    assertThat(rs.getLong("bi")).isEqualTo(Long.MAX_VALUE);
                    assertThat(rs.getBigDecimal("dec1")).isEqualByComparingTo("123456789.125");
                    assertThat(rs.getDouble("dbl")).isEqualTo(3.5e100);
                    assertThat(rs.getFloat("fl")).isEqualTo(1.25f);
                    assertThat(rs.getString("txt")).isEqualTo(emoji);
                    assertThat(rs.getString("lt")).isEqualTo(emoji.repeat(1000));
                    assertThat(rs.getBytes("bl")).isEqualTo(blob);
                    assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
                    assertThat(rs.getObject("dtm", LocalDateTime.class)).isEqualTo(dt);
                    assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58));
                    assertThat(rs.getBoolean("b")).isTrue();
                    assertThat(rs.next()).isTrue();
                    for (int i = 2; i <= 14; i++) {
                        assertThat(rs.getObject(i)).as("column %d", i).isNull();
                        assertThat(rs.wasNull()).isTrue();
                    }
                    assertThat(rs.next()).isFalse();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT CAST('😀' AS CHAR) AS e, X'00FF' AS x, NULL AS n")) {
                rs.next();
                assertThat(rs.getString("e")).isEqualTo("😀");
                assertThat(rs.getBytes("x")).isEqualTo(new byte[] {0, (byte) 0xFF});
                assertThat(rs.getString("n")).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void errorsCarryMySqlCodesAndSqlStates(Client client) throws Exception {
        String t = table(client, "uniq");
        try (Connection c = server.connect(client); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t);
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, email VARCHAR(50), UNIQUE KEY uk_email (email))");
            s.execute("INSERT INTO " + t + " VALUES (1, 'a@x')");
            assertError(() -> s.execute("INSERT INTO " + t + " VALUES (2, 'a@x')"), 1062, "23000");
            assertThatThrownBy(() -> s.execute("INSERT INTO " + t + " VALUES (2, 'a@x')"))
                    .hasMessageContaining("Duplicate entry 'a@x' for key '" + t + ".uk_email'");
            assertError(() -> s.executeQuery("SELECT * FROM no_such_table"), 1146, "42S02");
            assertError(() -> s.execute("SELEC 1"), 1064, "42000");
            assertError(() -> s.executeQuery("SELECT nope FROM " + t), 1054, "42S22");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
                ps.setInt(1, 3);
                ps.setString(2, "a@x");
                assertError(ps::executeUpdate, 1062, "23000");
            }
            // the connection is still usable
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    static void assertError(SqlAction action, int code, String sqlState) {
        assertThatThrownBy(action::run).isInstanceOf(SQLException.class).satisfies(e -> {
            SQLException se = (SQLException) e;
            assertThat(se.getErrorCode()).as(se.getMessage()).isEqualTo(code);
            assertThat(se.getSQLState()).as(se.getMessage()).isEqualTo(sqlState);
        });
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void transactions(Client client) throws Exception {
        String t = table(client, "accounts");
        try (Connection c = server.connect(client); Connection other = server.connect(client);
             Statement s = c.createStatement(); Statement o = other.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t);
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, balance INT)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO " + t + " VALUES (1, 100)");
            assertThat(count(o, t)).isZero();
            c.rollback();
            assertThat(count(s, t)).isZero();
            s.execute("INSERT INTO " + t + " VALUES (1, 100)");
            c.commit();
            assertThat(count(o, t)).isEqualTo(1);
            c.setAutoCommit(true);
            s.execute("START TRANSACTION");
            s.execute("UPDATE " + t + " SET balance = 50");
            s.execute("ROLLBACK");
            s.execute("BEGIN");
            s.execute("INSERT INTO " + t + " VALUES (2, 5)");
            s.execute("COMMIT");
            assertThat(count(o, t)).isEqualTo(2);
            try (ResultSet rs = o.executeQuery("SELECT balance FROM " + t + " WHERE id = 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(100);
            }
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            try (ResultSet rs = s.executeQuery("SELECT @@session.transaction_isolation, @@autocommit")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("READ-COMMITTED");
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
    }

    private static int count(Statement s, String t) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void multiStatementsReturnMultipleResults(Client client) throws Exception {
        String t = table(client, "multi");
        try (Connection c = server.connect(client, "app", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t);
            boolean isRs = s.execute("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10));"
                    + " INSERT INTO " + t + " (v) VALUES ('a'), ('b'); SELECT v FROM " + t + " ORDER BY id;"
                    + " UPDATE " + t + " SET v = 'z'; SELECT COUNT(*) FROM " + t);
            List<Object> outcomes = new ArrayList<>();
            while (true) {
                if (isRs) {
                    try (ResultSet rs = s.getResultSet()) {
                        List<String> vals = new ArrayList<>();
                        while (rs.next()) vals.add(rs.getString(1));
                        outcomes.add(vals);
                    }
                } else if (s.getUpdateCount() != -1) {
                    outcomes.add(s.getUpdateCount());
                } else {
                    break;
                }
                isRs = s.getMoreResults();
            }
            assertThat(outcomes).containsExactly(0, 2, List.of("a", "b"), 2, List.of("2"));
            // an error stops the batch
            assertError(() -> s.execute("SELECT 1; SELECT * FROM missing; SELECT 3"), 1146, "42S02");
        }
    }
}
