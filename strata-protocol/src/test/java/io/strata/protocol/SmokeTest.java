package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTest {
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
    @EnumSource(TestServer.Client.class)
    void selectOne(TestServer.Client client) throws Exception {
        try (Connection c = server.connect(client); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1, 'x', DATABASE()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("x");
            assertThat(rs.getString(3)).isEqualTo("app");
        }
    }
}
