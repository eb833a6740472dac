package io.strata.it;

import io.strata.server.StrataServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;

/**
 * {@code strata server} in this JVM ({@link StrataServer}) on a data directory, with no default cluster: the
 * tests create every cluster through the AWS SDK, as an application's test setup would.
 */
final class LiveServer implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "secret-pw1";

    final Path dataDir;
    final StrataServer server;

    private LiveServer(Path dataDir, StrataServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** The API on a free port, every cluster endpoint on a port the OS chooses (kept for the cluster's life). */
    static LiveServer start(Path dataDir) throws IOException {
        return new LiveServer(dataDir, StrataServer.start(new StrataServer.Settings(dataDir, "127.0.0.1", 0, 0, 0,
                null, "root", "strata-root", 0)));
    }

    String apiUrl() {
        return server.apiUrl();
    }

    RdsClient rds() {
        return rds(apiUrl(), "test", "test");
    }

    /** The SDK client an application's tests would build: endpoint override, region us-east-1, static keys. */
    static RdsClient rds(String apiUrl, String accessKey, String secretKey) {
        return RdsClient.builder()
                .endpointOverride(URI.create(apiUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** A Connector/J connection to a cluster's endpoint, as DescribeDBClusters gives it, as the master user. */
    static Connection connect(DBCluster c, String database) throws SQLException {
        return connect(c.endpoint(), c.port(), database);
    }

    static Connection connect(String host, int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/" + database
                + "?user=" + USER + "&password=" + PASSWORD + "&allowPublicKeyRetrieval=true&useSSL=false"
                + "&connectTimeout=5000");
    }

    /** Whether anything accepts TCP connections on the port. */
    static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A time strictly between what was committed before the call and what is committed after it. */
    static Instant between() throws InterruptedException {
        Thread.sleep(20);
        Instant t = Instant.now();
        Thread.sleep(20);
        return t;
    }

    @Override
    public void close() {
        server.close();
    }
}
