package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS certificates: generated at first start into a directory and reused; or configured PEM files. */
class TlsTest {
    private static void assertTlsQueryWorks(int port) throws Exception {
        for (String url : new String[] {
                "jdbc:mysql://127.0.0.1:" + port + "/app?sslMode=REQUIRED",
                "jdbc:mariadb://127.0.0.1:" + port + "/app?sslMode=trust"}) {
            try (Connection c = DriverManager.getConnection(url, "root", "pw"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void selfSignedCertificateIsGeneratedOnceAndReused(@TempDir Path dir) throws Exception {
        try (TestDatabases.Cluster cluster = TestDatabases.newCluster()) {
            Path certs = dir.resolve("tls");
            MySqlServer first = new MySqlServer(TlsConfig.selfSignedIn(certs));
            try {
                assertTlsQueryWorks(first.start("127.0.0.1", 0, Credentials.of("root", "pw"), cluster));
            } finally {
                first.stop();
            }
            Path cert = certs.resolve("server-cert.pem");
            Path key = certs.resolve("server-key.pem");
            assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            String generated = Files.readString(cert);
            MySqlServer second = new MySqlServer(TlsConfig.selfSignedIn(certs));
            try {
                assertTlsQueryWorks(second.start("127.0.0.1", 0, Credentials.of("root", "pw"), cluster));
            } finally {
                second.stop();
            }
            assertThat(Files.readString(cert)).isEqualTo(generated);
            MySqlServer configured = new MySqlServer(TlsConfig.pem(cert, key));
            try {
                assertTlsQueryWorks(configured.start("127.0.0.1", 0, Credentials.of("root", "pw"), cluster));
            } finally {
                configured.stop();
            }
        }
    }
}
