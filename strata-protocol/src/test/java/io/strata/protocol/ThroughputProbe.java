package io.strata.protocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Not an assertion test: prints round-trip figures for the report. Run with -Dtest=ThroughputProbe. */
class ThroughputProbe {
    @Test
    void roundTrips() throws Exception {
        try (TestServer server = new TestServer()) {
            for (TestServer.Client client : new TestServer.Client[] {TestServer.Client.MYSQL, TestServer.Client.MYSQL_PS,
                    TestServer.Client.MARIADB_PS_TLS}) {
                try (Connection c = server.connect(client); PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
                    int n = 5000;
                    long t0 = 0;
                    for (int i = 0; i < n * 2; i++) {
                        if (i == n) t0 = System.nanoTime();
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                        }
                    }
                    System.out.printf("%s: %.1f us per SELECT round trip%n", client, (System.nanoTime() - t0) / 1e3 / n);
                }
            }
        }
    }
}
