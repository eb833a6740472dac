package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.protocol.TestServer.Client;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Payloads over 16 MiB are split into 0xFFFFFF-byte packets in both directions. */
class LargePacketTest {
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
    @EnumSource(value = Client.class, names = {"MYSQL", "MYSQL_PS", "MARIADB_PS_TLS"})
    void blobOver16MiBRoundTrips(Client client) throws Exception {
        byte[] blob = new byte[17 * 1024 * 1024 + 123];
        new Random(42).nextBytes(blob);
        String t = "big_" + client.name().toLowerCase();
        try (Connection c = server.connect(client); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, data LONGBLOB)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setBytes(2, blob);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT data, LENGTH(data) FROM " + t + " WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(2)).isEqualTo(blob.length);
                    assertThat(rs.getBytes(1)).isEqualTo(blob);
                }
            }
            s.execute("DROP TABLE " + t);
        }
    }
}
