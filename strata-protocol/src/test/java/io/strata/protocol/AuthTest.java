package io.strata.protocol;

import static io.strata.protocol.JdbcDriversTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** caching_sha2_password (fast and full paths, TLS and RSA), mysql_native_password, auth switch, failures. */
class AuthTest {
    private static void assertWorks(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void wrongPasswordOrUserIsAccessDenied() {
        try (TestServer server = new TestServer()) {
            for (TestServer.Client client : new TestServer.Client[] {TestServer.Client.MYSQL, TestServer.Client.MARIADB,
                    TestServer.Client.MYSQL_TLS}) {
                String url = server.url(client, "app", "");
                assertError(() -> DriverManager.getConnection(url, TestServer.USER, "wrong").close(), 1045, "28000");
                assertError(() -> DriverManager.getConnection(url, "nobody", TestServer.PASSWORD).close(), 1045, "28000");
            }
        }
    }

    @Test
    void unknownDatabaseIsError1049() {
        try (TestServer server = new TestServer()) {
            assertError(() -> server.connect(TestServer.Client.MYSQL, "nope", "").close(), 1049, "42000");
            assertError(() -> server.connect(TestServer.Client.MARIADB, "nope", "").close(), 1049, "42000");
        }
    }

    @Test
    void cachingSha2FullAuthenticationOverTlsAndRsa() throws Exception {
        try (TestServer server = new TestServer(new Credentials("root", TestServer.PASSWORD,
                AuthPlugin.CACHING_SHA2_PASSWORD, true))) {
            // TLS: the client sends the password in clear inside TLS
            assertWorks(server.url(TestServer.Client.MYSQL_TLS, "app", ""), "root", TestServer.PASSWORD);
            assertWorks(server.url(TestServer.Client.MARIADB_TLS, "app", ""), "root", TestServer.PASSWORD);
            // no TLS: the client fetches the RSA public key and encrypts the password
            assertWorks(server.url(TestServer.Client.MYSQL, "app", ""), "root", TestServer.PASSWORD);
            assertWorks(server.url(TestServer.Client.MARIADB, "app", "allowPublicKeyRetrieval=true"), "root",
                    TestServer.PASSWORD);
            assertError(() -> DriverManager.getConnection(server.url(TestServer.Client.MYSQL, "app", ""), "root",
                    "bad").close(), 1045, "28000");
        }
    }

    @Test
    void nativePasswordAccountSwitchesCachingSha2Clients() throws Exception {
        try (TestServer server = new TestServer(new Credentials("root", TestServer.PASSWORD,
                AuthPlugin.MYSQL_NATIVE_PASSWORD, false))) {
            for (TestServer.Client client : TestServer.Client.values()) {
                assertWorks(server.url(client, "app", "defaultAuthenticationPlugin=caching_sha2_password"), "root",
                        TestServer.PASSWORD);
            }
        }
    }

    @Test
    void clientChoosingNativePasswordIsSwitchedToCachingSha2() throws Exception {
        try (TestServer server = new TestServer(new Credentials("root", TestServer.PASSWORD,
                AuthPlugin.CACHING_SHA2_PASSWORD, false))) {
            assertWorks(server.url(TestServer.Client.MYSQL, "app", "defaultAuthenticationPlugin=mysql_native_password"),
                    "root", TestServer.PASSWORD);
        }
    }

    @Test
    void emptyPassword() throws Exception {
        try (TestServer server = new TestServer(Credentials.of("root", ""))) {
            assertWorks(server.url(TestServer.Client.MYSQL, "app", ""), "root", "");
            assertWorks(server.url(TestServer.Client.MARIADB_TLS, "app", ""), "root", "");
        }
    }
}
