package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB Connector/J 4, which encrypts and verifies connections by default: over TLS the connection must
 * come up and work. Runs in its own surefire execution ({@code mariadb-connector-j-4} in this module's pom),
 * with Connector/J 4 in place of the project's 3.x.
 */
class MariaDbConnector4Test {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Run by name (-Dtest=...), surefire's default execution picks it up too, with Connector/J 3.x.
        assumeTrue(DriverManager.getDriver("jdbc:mariadb://x/").getMajorVersion() == 4,
                "MariaDB Connector/J 4 is on the classpath only in the mariadb-connector-j-4 execution");
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The default URL verifies the server. Strata's certificate is self-signed, so the driver checks MariaDB's
     * zero-configuration TLS proof in the final OK packet instead (strata-protocol's ZeroConfigTls): it connects
     * only if the proof matches the certificate it saw and the password it knows.
     */
    @Test
    void connectsWithTheDefaultUrl() throws Exception {
        exercise("jdbc:mariadb://127.0.0.1:" + server.port + "/app");
    }

    /** A caching_sha2_password account: over TLS the driver keeps mysql_native_password and gets the proof. */
    @Test
    void connectsWithTheDefaultUrlToACachingSha2Account() throws Exception {
        try (TestServer sha2 = new TestServer(new Credentials(TestServer.USER, TestServer.PASSWORD,
                AuthPlugin.CACHING_SHA2_PASSWORD, true))) {
            exercise("jdbc:mariadb://127.0.0.1:" + sha2.port + "/app");
        }
    }

    /** Without a password there is no proof: the driver refuses the self-signed certificate, as it must. */
    @Test
    void refusesTheSelfSignedCertificateWithoutAPassword() {
        try (TestServer open = new TestServer(Credentials.of(TestServer.USER, ""))) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + open.port + "/app",
                    TestServer.USER, "").close())
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("Self signed");
        }
    }

    @Test
    void connectsOverTlsWithoutVerifyingTheSelfSignedCertificate() throws Exception {
        exercise("jdbc:mariadb://127.0.0.1:" + server.port + "/app?sslMode=trust");
    }

    private static void exercise(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestServer.USER, TestServer.PASSWORD)) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDriverMajorVersion()).as(md.getDriverVersion()).isEqualTo(4);
            // Both URLs require TLS (the driver fails rather than fall back to plain text); the server says so too
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW STATUS LIKE 'Ssl_%'")) {
                java.util.Map<String, String> status = new java.util.HashMap<>();
                while (r.next()) status.put(r.getString(1), r.getString(2));
                assertThat(status.get("Ssl_cipher")).startsWith("TLS_");
                assertThat(status.get("Ssl_version")).startsWith("TLSv1.");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS c4 (id INT PRIMARY KEY, v VARCHAR(20))");
                s.execute("DELETE FROM c4");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO c4 VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "tls");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM c4 WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("tls");
                }
            }
        }
    }
}
