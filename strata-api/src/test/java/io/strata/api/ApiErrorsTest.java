package io.strata.api;

import io.strata.control.ControlPlaneOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterQuotaExceededException;
import software.amazon.awssdk.services.rds.model.RdsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error cases through the AWS SDK: each gets RDS's error code, HTTP status and a message saying what to do. */
class ApiErrorsTest {
    @TempDir
    Path dir;
    LiveApi api;
    RdsClient rds;

    @BeforeEach
    void start() throws Exception {
        api = new LiveApi(dir, ControlPlaneOptions.defaults().withMaxClonesPerSource(2));
        rds = api.rds();
        rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("secret-pw1").backtrackWindow(60L));
    }

    @AfterEach
    void stop() {
        rds.close();
        api.close();
    }

    static String code(Throwable e) {
        return ((RdsException) e).awsErrorDetails().errorCode();
    }

    static int status(Throwable e) {
        return ((RdsException) e).statusCode();
    }

    @Test
    void unknownClusterIsDbClusterNotFoundFault() {
        assertThatThrownBy(() -> rds.describeDBClusters(b -> b.dbClusterIdentifier("nope")))
                .isInstanceOf(DbClusterNotFoundException.class)
                .satisfies(e -> assertThat(status(e)).isEqualTo(404))
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("nope").backtrackTo(Instant.now())))
                .isInstanceOf(DbClusterNotFoundException.class);
    }

    @Test
    void duplicateNameIsDbClusterAlreadyExistsFault() {
        assertThatThrownBy(() -> rds.createDBCluster(b -> b.dbClusterIdentifier("PROD").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret-pw1")))
                .isInstanceOf(DbClusterAlreadyExistsException.class);
    }

    @Test
    void badTimesAreRefused() {
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c1")
                .sourceDBClusterIdentifier("prod").restoreToTime(Instant.now()).useLatestRestorableTime(true)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c1")
                .sourceDBClusterIdentifier("prod")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c1")
                .sourceDBClusterIdentifier("prod").restoreToTime(Instant.now().plusSeconds(3600))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("prod")
                .backtrackTo(Instant.now().plusSeconds(3600))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("future");
        Instant beforeCreation = Instant.now().minusSeconds(30);
        assertThatThrownBy(() -> rds.backtrackDBCluster(b -> b.dbClusterIdentifier("prod").backtrackTo(beforeCreation)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("UseEarliestTimeOnPointInTimeUnavailable");
        assertThat(rds.backtrackDBCluster(b -> b.dbClusterIdentifier("prod").backtrackTo(beforeCreation)
                .useEarliestTimeOnPointInTimeUnavailable(true)).status()).isEqualTo("completed");
    }

    @Test
    void backtrackWindowPast72HoursIsRefused() {
        assertThatThrownBy(() -> rds.createDBCluster(b -> b.dbClusterIdentifier("big").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret-pw1").backtrackWindow(259_201L)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("259200");
        assertThatThrownBy(() -> rds.modifyDBCluster(b -> b.dbClusterIdentifier("prod").backtrackWindow(-1L)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void cloneLimitIsAClearQuotaError() {
        for (String id : new String[] {"c1", "c2"}) {
            rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier(id).sourceDBClusterIdentifier("prod")
                    .restoreType("copy-on-write").useLatestRestorableTime(true));
        }
        assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c3")
                .sourceDBClusterIdentifier("prod").restoreType("copy-on-write").useLatestRestorableTime(true)))
                .isInstanceOf(DbClusterQuotaExceededException.class)
                .hasMessageContaining("limit (2)");
        rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("c3").sourceDBClusterIdentifier("prod")
                .restoreType("full-copy").useLatestRestorableTime(true));
    }

    @Test
    void badSignaturesAreRefusedWith403() {
        try (RdsClient wrongSecret = LiveApi.rds(api.server.url(), "test", "wrong")) {
            assertThatThrownBy(wrongSecret::describeDBClusters)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(403));
        }
        try (RdsClient unknownKey = LiveApi.rds(api.server.url(), "nobody", "test")) {
            assertThatThrownBy(unknownKey::describeDBClusters)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void unsignedRequestGetsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.server.url() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeDBClusters&Version=2014-10-31")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">")
                .contains("<Type>Sender</Type>").contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void markupInParametersIsEscapedInErrors() {
        assertThatThrownBy(() -> rds.createDBCluster(b -> b.dbClusterIdentifier("a<b>&\"c'").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret-pw1")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("a<b>&\"c'");
    }

    @Test
    void nonLoopbackBindWithoutKeysIsRefused() {
        assertThatThrownBy(() -> ApiServer.start(api.cp, "0.0.0.0", 0, Credentials.local()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configure access keys");
    }
}
