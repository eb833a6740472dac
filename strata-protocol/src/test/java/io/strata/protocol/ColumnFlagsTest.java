package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.protocol.TestServer.Client;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Column definition flags of table columns on the wire (keys, NOT NULL, AUTO_INCREMENT, ENUM, BLOB, BINARY,
 * TIMESTAMP vs DATETIME), as the drivers' ResultSetMetaData and the {@code mariadb} client's
 * {@code --column-type-info} see them. The expected flags are those MariaDB 10.11 sends for the same table
 * (and MySQL 8), except that a TIMESTAMP column is sent as DATETIME: H2 keeps no difference between them.
 */
class ColumnFlagsTest {
    static TestServer server;
    static final String TABLE = "CREATE TABLE IF NOT EXISTS cf (id INT AUTO_INCREMENT PRIMARY KEY, u INT NOT NULL,"
            + " e VARCHAR(20) UNIQUE, a INT, b INT, c INT, ts TIMESTAMP NULL, dt DATETIME, en ENUM('x','y'), bl BLOB,"
            + " tx TEXT, vb VARBINARY(5), UNIQUE KEY ab (a, b), KEY kc (c))";

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
    void driversSeeKeysNullabilityAndTypes(Client client) throws Exception {
        try (Connection c = server.connect(client); Statement st = c.createStatement()) {
            st.execute(TABLE);
            st.execute("CREATE TABLE IF NOT EXISTS cf2 (x INT, y INT, PRIMARY KEY (x, y))");
            try (ResultSet rs = st.executeQuery("SELECT * FROM cf")) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.isAutoIncrement(1)).isTrue();
                for (int i = 2; i <= 12; i++) assertThat(md.isAutoIncrement(i)).as("column %d", i).isFalse();
                assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
                assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNoNulls);
                assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNullable);
                assertThat(md.isNullable(7)).isEqualTo(ResultSetMetaData.columnNullable);
                assertThat(md.isSigned(1)).isTrue();
                assertThat(md.getColumnTypeName(1)).isEqualTo(client.mariadb() ? "INTEGER" : "INT");
                assertThat(md.getColumnTypeName(3)).isEqualTo("VARCHAR");
                // H2 stores MySQL's TIMESTAMP as its TIMESTAMP, the type of DATETIME: the difference is lost
                // (docs/mysql-compatibility.md)
                assertThat(md.getColumnTypeName(7)).isEqualTo("DATETIME");
                assertThat(md.getColumnTypeName(8)).isEqualTo("DATETIME");
                // H2 keeps no length class: BLOB and TEXT are sent with LONGBLOB's length (docs/mysql-compatibility.md)
                assertThat(md.getColumnTypeName(10)).isEqualTo("LONGBLOB");
                assertThat(md.getColumnTypeName(11)).endsWith("TEXT");
                assertThat(md.getColumnTypeName(12)).isEqualTo("VARBINARY");
                // both drivers name MySQL's ENUM (STRING with ENUM_FLAG) CHAR; the flag is checked on the wire below
                assertThat(md.getColumnTypeName(9)).isEqualTo("CHAR");
            }
            try (ResultSet rs = st.executeQuery("SELECT id + 1, NOW(), u FROM cf")) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.isAutoIncrement(1)).isFalse();
                assertThat(md.getColumnTypeName(2)).isEqualTo("DATETIME");
                assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNoNulls);
            }
        }
    }

    @Test
    void flagsOnTheWireAsMariaDbSendsThem() throws Exception {
        String client = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, "mariadb");
            if (f.canExecute()) client = f.getAbsolutePath();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(client != null || "true".equalsIgnoreCase(System.getenv("CI")),
                "the mariadb client is not installed (scripts/install-test-deps.sh)");
        List<String> cmd = new ArrayList<>(List.of(client, "-h127.0.0.1", "-P" + server.port, "-u" + TestServer.USER,
                "-p" + TestServer.PASSWORD, "--skip-ssl", "-t", "--column-type-info", "-e",
                "CREATE DATABASE IF NOT EXISTS flags; USE flags; " + TABLE
                        + "; CREATE TABLE IF NOT EXISTS p2 (x INT, y INT, PRIMARY KEY (x, y));"
                        + " SELECT * FROM cf; SELECT * FROM p2; SELECT e, id FROM cf"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        List<String> fields = new ArrayList<>();
        Matcher m = Pattern.compile("Field +\\d+: +`([^`]*)`\\s+Org_field:.*?Type: +(\\w+).*?Flags: *([A-Z_ ]*)",
                Pattern.DOTALL).matcher(out);
        while (m.find()) fields.add(m.group(1) + " " + m.group(2) + " " + m.group(3).strip());
        assertThat(fields).as(out).containsExactly(
                "id LONG NOT_NULL PRI_KEY AUTO_INCREMENT NUM PART_KEY",
                "u LONG NOT_NULL NO_DEFAULT_VALUE NUM",
                "e VAR_STRING UNIQUE_KEY PART_KEY",
                "a LONG MULTIPLE_KEY NUM PART_KEY",
                "b LONG NUM PART_KEY",
                "c LONG MULTIPLE_KEY NUM PART_KEY",
                "ts DATETIME BINARY", // MariaDB: TIMESTAMP UNSIGNED BINARY, MySQL 8: TIMESTAMP BINARY
                "dt DATETIME BINARY",
                "en STRING ENUM",
                "bl BLOB BLOB BINARY",
                "tx BLOB BLOB",
                "vb VAR_STRING BINARY",
                "x LONG NOT_NULL PRI_KEY NO_DEFAULT_VALUE NUM PART_KEY",
                "y LONG NOT_NULL PRI_KEY NO_DEFAULT_VALUE NUM PART_KEY",
                "e VAR_STRING UNIQUE_KEY PART_KEY",
                "id LONG NOT_NULL PRI_KEY AUTO_INCREMENT NUM PART_KEY");
    }
}
