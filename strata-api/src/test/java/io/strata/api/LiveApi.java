package io.strata.api;

import io.strata.control.ControlPlane;
import io.strata.control.ControlPlaneOptions;
import io.strata.control.testing.TcpClusterRuntime;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** A control plane over a directory, served by an ApiServer on 127.0.0.1, with SDK clients for it. */
final class LiveApi implements AutoCloseable {
    final Path dir;
    final ControlPlaneOptions options;
    ControlPlane cp;
    ApiServer server;

    LiveApi(Path dir, ControlPlaneOptions options) throws IOException {
        this.dir = dir;
        this.options = options;
        open();
    }

    void open() throws IOException {
        cp = ControlPlane.open(dir, new TcpClusterRuntime(), options);
        server = ApiServer.start(cp, "127.0.0.1", 0, Credentials.local());
    }

    /** Closes the API and the control plane and opens both again on the same directory (a clean restart). */
    void restart() throws IOException {
        close();
        open();
    }

    RdsClient rds() {
        return rds(server.url(), "test", "test");
    }

    static RdsClient rds(String url, String key, String secret) {
        return RdsClient.builder()
                .endpointOverride(URI.create(url))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    @Override
    public void close() {
        server.close();
        cp.close();
    }
}
