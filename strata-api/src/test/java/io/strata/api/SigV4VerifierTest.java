package io.strata.api;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier against the AWS SDK's own SigV4 signer, on requests the RDS client never sends (GET, odd paths). */
class SigV4VerifierTest {
    final SigV4Verifier verifier = new SigV4Verifier(Credentials.local());

    static SdkHttpFullRequest sign(String service, String secret, Clock clock, String path) {
        SdkHttpFullRequest req = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("127.0.0.1").port(8080).encodedPath(path)
                .putRawQueryParameter("Action", "DescribeDBClusters")
                .putRawQueryParameter("DBClusterIdentifier", "a b+c~d/é")
                .putRawQueryParameter("Version", "2014-10-31").build();
        Aws4SignerParams params = Aws4SignerParams.builder().awsCredentials(AwsBasicCredentials.create("test", secret))
                .signingName(service).signingRegion(Region.US_EAST_1).signingClockOverride(clock).build();
        return Aws4Signer.create().sign(req, params);
    }

    static SigV4Verifier.SignedRequest asReceived(SdkHttpFullRequest signed) {
        URI uri = signed.getUri();
        Map<String, List<String>> headers = new HashMap<>();
        signed.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        headers.putIfAbsent("host", List.of("127.0.0.1:8080"));
        return new SigV4Verifier.SignedRequest("GET", uri.getRawPath(), uri.getRawQuery(), headers, new byte[0]);
    }

    @Test
    void acceptsWhatTheSdkSigns() {
        assertThat(verifier.verify(asReceived(sign("rds", "test", Clock.systemUTC(), "/")))).isEqualTo("test");
        assertThat(verifier.verify(asReceived(sign("rds", "test", Clock.systemUTC(), "/a%20b/c")))).isEqualTo("test");
    }

    @Test
    void refusesAWrongSecretATamperedQueryAnotherServiceAndAnOldSignature() {
        assertThatThrownBy(() -> verifier.verify(asReceived(sign("rds", "nope", Clock.systemUTC(), "/"))))
                .hasMessageContaining("does not match");
        SigV4Verifier.SignedRequest ok = asReceived(sign("rds", "test", Clock.systemUTC(), "/"));
        SigV4Verifier.SignedRequest tampered = new SigV4Verifier.SignedRequest("GET", ok.rawPath(),
                ok.rawQuery().replace("DescribeDBClusters", "DeleteDBCluster"), ok.headers(), ok.body());
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).code).isEqualTo("SignatureDoesNotMatch"));
        assertThatThrownBy(() -> verifier.verify(asReceived(sign("iam", "test", Clock.systemUTC(), "/"))))
                .hasMessageContaining("service rds");
        Clock old = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        assertThatThrownBy(() -> verifier.verify(asReceived(sign("rds", "test", old, "/"))))
                .hasMessageContaining("expired");
    }
}
