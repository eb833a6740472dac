package io.strata.it;

import io.strata.protocol.TlsConfig;
import io.strata.protocol.auth.TlsCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.RdsException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `strata server` as a user starts it, in its own JVM: what it prints, its loopback defaults, configured API keys
 * (from the environment, never argv), and a PEM certificate for the MySQL endpoints. Settings refused before
 * anything is written, and the password printed after a restart, are strata-cli's ServerCommandTest.
 */
class ServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void printedLinesKeysFromTheEnvironmentAndAPemCertificate() throws Exception {
        // A PEM certificate and key, as an operator would bring them.
        Path pem = dir.resolve("pem");
        TlsCertificates.context(TlsConfig.selfSignedIn(pem));
        Path cert = pem.resolve("server-cert.pem");
        Path key = pem.resolve("server-key.pem");
        Path data = dir.resolve("data");
        int port = StrataServerProcess.freePort();
        int apiPort = StrataServerProcess.freePort();
        Map<String, String> keys = Map.of("STRATA_API_ACCESS_KEY", "AKIDSTRATA", "STRATA_API_SECRET_KEY", "s3cr3t-key");
        try (StrataServerProcess s = StrataServerProcess.start(data, port, apiPort, List.of("--port-range", "0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString()), keys)) {
            assertThat(s.output()).contains("strata: RDS API http://127.0.0.1:" + apiPort
                            + " (access key AKIDSTRATA from STRATA_API_ACCESS_KEY; region us-east-1)")
                    .contains("strata: cluster default: MySQL on 127.0.0.1:" + port + ", user root")
                    .contains("-p" + StrataServerProcess.PASSWORD).contains("strata: MySQL TLS certificate " + cert)
                    .doesNotContain("s3cr3t-key");
            try (RdsClient rds = LiveServer.rds(s.apiUrl(), "AKIDSTRATA", "s3cr3t-key")) {
                assertThat(rds.describeDBClusters().dbClusters()).singleElement()
                        .satisfies(c -> assertThat(c.endpoint()).isEqualTo("127.0.0.1"));
            }
            try (RdsClient local = LiveServer.rds(s.apiUrl(), "test", "test")) {
                assertThatThrownBy(local::describeDBClusters)
                        .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
            // The endpoint presents the configured certificate: verifying against it alone succeeds.
            Path trust = dir.resolve("trust.p12");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(cert)) {
                ks.setCertificateEntry("strata", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            try (var o = Files.newOutputStream(trust)) {
                ks.store(o, "changeit".toCharArray());
            }
            String url = "jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=" + StrataServerProcess.PASSWORD
                    + "&sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=" + trust.toUri()
                    + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=changeit";
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(Sql.count(c, "SELECT 41 + 1")).isEqualTo(42);
            }
        }
    }
}
