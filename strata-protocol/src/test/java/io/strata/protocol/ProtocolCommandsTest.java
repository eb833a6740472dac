package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.protocol.TestServer.Client;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commands other than COM_QUERY, over a raw socket and through the drivers. */
class ProtocolCommandsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] command(Socket s, byte... payload) throws Exception {
        RawClient.write(s.getOutputStream(), 0, payload);
        return RawClient.read(s.getInputStream());
    }

    private static byte[] withText(int command, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[t.length + 1];
        p[0] = (byte) command;
        System.arraycopy(t, 0, p, 1, t.length);
        return p;
    }

    @Test
    void pingInitDbResetSetOptionFieldListStatistics() throws Exception {
        try (Socket s = RawClient.login(server.port, TestServer.USER, TestServer.PASSWORD)) {
            assertThat(command(s, (byte) 0x0e)[0]).as("COM_PING").isEqualTo((byte) 0x00);
            assertThat(command(s, withText(0x02, "app"))[0]).as("COM_INIT_DB").isEqualTo((byte) 0x00);
            byte[] err = command(s, withText(0x02, "nope"));
            assertThat(err[0]).isEqualTo((byte) 0xFF);
            assertThat((err[1] & 0xFF) | (err[2] & 0xFF) << 8).isEqualTo(1049);
            assertThat(command(s, withText(0x03, "CREATE TABLE fl (id INT, name VARCHAR(10))"))[0]).isEqualTo((byte) 0);
            // COM_FIELD_LIST: one column definition per column, then EOF (this client has no DEPRECATE_EOF)
            RawClient.write(s.getOutputStream(), 0, withText(0x04, "fl\0"));
            InputStream in = s.getInputStream();
            assertThat(new String(RawClient.read(in), StandardCharsets.UTF_8)).contains("id");
            assertThat(new String(RawClient.read(in), StandardCharsets.UTF_8)).contains("name");
            assertThat(RawClient.read(in)[0]).isEqualTo((byte) 0xFE);
            assertThat(command(s, (byte) 0x1b, (byte) 1, (byte) 0)[0]).as("COM_SET_OPTION").isEqualTo((byte) 0xFE);
            assertThat(command(s, withText(0x03, "SET @x = 5"))[0]).isEqualTo((byte) 0);
            assertThat(value(s, "SELECT @x")).isEqualTo("5");
            assertThat(value(s, "SELECT GET_LOCK('reset-lock', 0)")).isEqualTo("1");
            assertThat(command(s, withText(0x03, "CREATE TEMPORARY TABLE tmp_reset (id INT)"))[0]).isEqualTo((byte) 0);
            assertThat(command(s, withText(0x03, "SET SESSION sql_mode = 'ANSI_QUOTES'"))[0]).isEqualTo((byte) 0);
            assertThat(command(s, (byte) 0x1f)[0]).as("COM_RESET_CONNECTION").isEqualTo((byte) 0x00);
            // MySQL's reset: user variables unset, named locks released, temporary tables dropped, session
            // variables back to the global values; the database stays
            assertThat(value(s, "SELECT @x")).as("@x after reset").isNull();
            assertThat(value(s, "SELECT IS_FREE_LOCK('reset-lock')")).isEqualTo("1");
            byte[] gone = command(s, withText(0x03, "SELECT * FROM tmp_reset"));
            assertThat((gone[1] & 0xFF) | (gone[2] & 0xFF) << 8).isEqualTo(1146);
            assertThat(value(s, "SELECT @@sql_mode")).startsWith("ONLY_FULL_GROUP_BY");
            assertThat(value(s, "SELECT DATABASE()")).isEqualTo("app");
            String stats = new String(command(s, (byte) 0x09), StandardCharsets.US_ASCII);
            assertThat(stats).as("COM_STATISTICS").matches("Uptime: \\d+  Threads: [1-9]\\d*  Questions: [1-9]\\d*  "
                    + "Slow queries: 0  Opens: \\d+  Flush tables: 1  Open tables: [1-9]\\d*  Queries per second avg: [0-9.]+");
            assertThat(command(s, (byte) 0x7f)[0]).as("unknown command").isEqualTo((byte) 0xFF);
            assertThat(command(s, (byte) 0x0e)[0]).isEqualTo((byte) 0x00);
            OutputStream out = s.getOutputStream();
            RawClient.write(out, 0, new byte[] {0x01}); // COM_QUIT
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    /** The single value of a one-row, one-column text result set (null for SQL NULL). */
    private static String value(Socket s, String query) throws Exception {
        RawClient.write(s.getOutputStream(), 0, withText(0x03, query));
        InputStream in = s.getInputStream();
        byte[] first = RawClient.read(in);
        assertThat(first).as(query + ": " + new String(first, StandardCharsets.UTF_8)).containsExactly(1);
        RawClient.read(in); // column definition
        assertThat(RawClient.read(in)[0]).isEqualTo((byte) 0xFE);
        byte[] row = RawClient.read(in);
        assertThat(RawClient.read(in)[0]).isEqualTo((byte) 0xFE);
        if ((row[0] & 0xFF) == 0xFB) return null;
        return new String(row, 1, row[0] & 0xFF, StandardCharsets.UTF_8);
    }

    private static int okStatus(byte[] ok) {
        int p = 1;
        for (int k = 0; k < 2; k++) p += (ok[p] & 0xFF) < 251 ? 1 : (ok[p] & 0xFF) == 0xFC ? 3 : (ok[p] & 0xFF) == 0xFD ? 4 : 9;
        return (ok[p] & 0xFF) | (ok[p + 1] & 0xFF) << 8;
    }

    @Test
    void okStatusFlagsAndEofTerminatedTextResultSet() throws Exception {
        try (Socket s = RawClient.login(server.port, TestServer.USER, TestServer.PASSWORD)) {
            int autocommit = 0x0002, inTrans = 0x0001;
            assertThat(okStatus(command(s, withText(0x03, "DO 1")))).isEqualTo(autocommit);
            assertThat(okStatus(command(s, withText(0x03, "BEGIN")))).isEqualTo(autocommit | inTrans);
            assertThat(okStatus(command(s, withText(0x03, "COMMIT")))).isEqualTo(autocommit);
            assertThat(okStatus(command(s, withText(0x03, "SET autocommit = 0")))).isEqualTo(0);
            assertThat(okStatus(command(s, withText(0x03, "CREATE TABLE st (id INT)")))).isZero();
            assertThat(okStatus(command(s, withText(0x03, "INSERT INTO st VALUES (1)"))) & inTrans).isEqualTo(inTrans);
            assertThat(okStatus(command(s, withText(0x03, "ROLLBACK")))).isZero();
            assertThat(okStatus(command(s, withText(0x03, "SET autocommit = 1")))).isEqualTo(autocommit);
            // text result set without CLIENT_DEPRECATE_EOF: count, definition, EOF, rows (NULL = 0xFB), EOF
            RawClient.write(s.getOutputStream(), 0, withText(0x03, "SELECT 'x' AS a UNION ALL SELECT NULL"));
            InputStream in = s.getInputStream();
            assertThat(RawClient.read(in)).containsExactly(1);
            byte[] def = RawClient.read(in);
            assertThat(new String(def, StandardCharsets.UTF_8)).startsWith("\u0003def");
            assertThat(RawClient.read(in)[0]).isEqualTo((byte) 0xFE);
            assertThat(RawClient.read(in)).containsExactly(1, 'x');
            assertThat(RawClient.read(in)).containsExactly(0xFB);
            byte[] eof = RawClient.read(in);
            assertThat(eof).hasSize(5);
            assertThat(eof[0]).isEqualTo((byte) 0xFE);
        }
    }

    @Test
    void sendLongDataAndDriverPing() throws Exception {
        try (Connection c = server.connect(Client.MYSQL_PS); Statement s = c.createStatement()) {
            assertThat(c.isValid(5)).isTrue();
            s.execute("CREATE TABLE ld (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT)");
            byte[] bytes = new byte[300_000];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
            String text = "ünï € ".repeat(20_000); // no surrogate pairs: Connector/J encodes stream chunks separately
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ld VALUES (?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setBinaryStream(2, new ByteArrayInputStream(bytes), bytes.length);
                ps.setCharacterStream(3, new StringReader(text), text.length());
                ps.executeUpdate();
                ps.clearParameters(); // COM_STMT_RESET
                ps.setInt(1, 2);
                ps.setBinaryStream(2, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
                ps.setString(3, "short");
                ps.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT b, t FROM ld ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(bytes);
                assertThat(rs.getString(2)).isEqualTo(text);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).containsExactly(1, 2, 3);
                assertThat(rs.getString(2)).isEqualTo("short");
            }
        }
    }

    @Test
    void batchedInsertsAndPreparedStatementReuse() throws Exception {
        for (Client client : new Client[] {Client.MYSQL, Client.MYSQL_PS, Client.MARIADB, Client.MARIADB_PS}) {
            String t = "batch_" + client.name().toLowerCase();
            try (Connection c = server.connect(client, "app", "rewriteBatchedStatements=true");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v) VALUES (?)")) {
                    for (int i = 0; i < 50; i++) {
                        ps.setInt(1, i);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    assertThat(counts).hasSize(50);
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(v) FROM " + t)) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(50);
                    assertThat(rs.getInt(2)).isEqualTo(1225);
                }
            }
        }
    }

    @Test
    void connectorJCursorFetch() throws Exception {
        try (Connection c = server.connect(Client.MYSQL_PS, "app", "useCursorFetch=true&defaultFetchSize=7");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cur (id INT PRIMARY KEY)");
            for (int i = 0; i < 20; i++) s.execute("INSERT INTO cur VALUES (" + i + ")");
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cur WHERE id >= ? ORDER BY id")) {
                ps.setFetchSize(7);
                ps.setInt(1, 3);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getInt(1)).isEqualTo(n + 3);
                        n++;
                    }
                }
                assertThat(n).isEqualTo(17);
            }
        }
    }

    @Test
    void serverPreparedSessionStatements() throws Exception {
        for (Client client : new Client[] {Client.MYSQL_PS, Client.MARIADB_PS}) {
            try (Connection c = server.connect(client)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT @@version, DATABASE(), ? + 1")) {
                    ps.setInt(1, 41);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).startsWith("8.0");
                        assertThat(rs.getString(2)).isEqualTo("app");
                        assertThat(rs.getInt(3)).isEqualTo(42);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SHOW VARIABLES LIKE ?")) {
                    ps.setString(1, "version_comment");
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(2)).contains("Strata");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SET @v = ?")) {
                    ps.setString(1, "it's");
                    ps.execute();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT @v"); ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("it's");
                }
            }
        }
    }
}
