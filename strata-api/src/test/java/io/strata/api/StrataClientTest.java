package io.strata.api;

import io.strata.client.Backtrack;
import io.strata.client.CloneRequest;
import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.CreateClusterRequest;
import io.strata.client.Snapshot;
import io.strata.client.SnapshotId;
import io.strata.client.StrataApiException;
import io.strata.client.StrataClient;
import io.strata.client.StrataTimeoutException;
import io.strata.client.StrataUnavailableException;
import io.strata.client.Tags;
import io.strata.control.ControlPlaneOptions;
import io.strata.control.testing.Probe;
import io.strata.storage.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** strata-client's StrataClient against a live ApiServer: every typed call, its results and its errors. */
class StrataClientTest {
    static final ClusterId PROD = ClusterId.of("prod");
    @TempDir
    Path dir;
    LiveApi api;
    StrataClient strata;

    @BeforeEach
    void start() throws Exception {
        api = new LiveApi(dir, ControlPlaneOptions.defaults().withMaxClonesPerSource(3));
        strata = StrataClient.create(api.server.url());
        strata.createCluster(CreateClusterRequest.of(PROD, "admin", "secret-pw1").withBacktrackWindow(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createdClusterServesAndDescribesItself() {
        Cluster prod = strata.describeCluster(ClusterId.of("PROD"));
        assertThat(prod.id()).isEqualTo(PROD);
        assertThat(prod.isServing()).isTrue();
        assertThat(prod.instances()).containsExactly("prod-1");
        assertThat(prod.endpoint().user()).isEqualTo("admin");
        assertThat(Probe.answers(prod.endpoint().port())).isTrue();
        assertThat(prod.backtrackWindowSeconds()).isEqualTo(3600);
        assertThat(prod.earliestBacktrack()).isNotNull();
        assertThat(prod.expiresAt()).isEmpty();
        assertThat(prod.shape().get("DBClusterArn")).isEqualTo("arn:aws:rds:us-east-1:000000000000:cluster:prod");
        assertThat(prod.endpoint().jdbcUrl("shop", "p&w")).isEqualTo("jdbc:mysql://127.0.0.1:" + prod.endpoint().port()
                + "/shop?user=admin&password=p%26w&useSSL=false&allowPublicKeyRetrieval=true");
        assertThat(strata.describeClusters()).extracting(Cluster::id).containsExactly(PROD);
    }

    @Test
    void cloneAtATimeFromLatestAndFromASnapshotEachWithItsEndpoint() throws Exception {
        Volume pv = api.cp.volumeOf("prod");
        Probe.put(pv, 0, "one");
        Instant between = SdkCloneActionsTest.between();
        Probe.put(pv, 1, "two");

        Cluster atTime = strata.clone(CloneRequest.at(PROD, between, ClusterId.of("at-time")).withTtl("2h")
                .withMasterPassword("other-pw-1"));
        assertThat(atTime.isServing()).isTrue();
        assertThat(Probe.answers(atTime.endpoint().port())).isTrue();
        assertThat(Probe.get(api.cp.volumeOf("at-time"), 0)).isEqualTo("one");
        assertThat(Probe.get(api.cp.volumeOf("at-time"), 1)).isEmpty();
        assertThat(atTime.tags()).containsEntry(Tags.TTL, "2h");
        assertThat(atTime.expiresAt()).hasValueSatisfying(e -> assertThat(e).isAfter(Instant.now().plus(Duration.ofMinutes(119))));
        assertThat(api.cp.describeClusters("at-time").get(0).record().masterPassword()).isEqualTo("other-pw-1");

        Cluster latest = strata.clone(CloneRequest.latest(PROD, ClusterId.of("latest")).withTtl(Duration.ofMinutes(5))
                .withBacktrackWindow(Duration.ofMinutes(10)));
        assertThat(Probe.get(api.cp.volumeOf("latest"), 1)).isEqualTo("two");
        assertThat(latest.tags()).containsEntry(Tags.TTL, "300");
        assertThat(latest.backtrackWindowSeconds()).isEqualTo(600);

        Snapshot s = strata.createSnapshot(PROD, SnapshotId.of("s1"));
        assertThat(s.cluster()).isEqualTo(PROD);
        assertThat(strata.snapshots(PROD)).extracting(Snapshot::id).containsExactly(SnapshotId.of("s1"));
        assertThat(strata.findSnapshot(SnapshotId.of("nope"))).isEmpty();
        Cluster restored = strata.clone(CloneRequest.fromSnapshot(SnapshotId.of("s1"), ClusterId.of("restored")));
        assertThat(Probe.get(api.cp.volumeOf("restored"), 1)).isEqualTo("two");
        assertThat(restored.isServing()).isTrue();
        strata.deleteSnapshot(SnapshotId.of("s1"));
        assertThat(strata.snapshots(null)).isEmpty();

        Cluster noInstance = strata.clone(CloneRequest.latest(PROD, ClusterId.of("bare")).withoutInstance());
        assertThat(noInstance.instances()).isEmpty();
        assertThatThrownBy(() -> strata.waitUntilAvailable(ClusterId.of("bare"), Duration.ofMillis(200)))
                .isInstanceOf(StrataTimeoutException.class).hasMessageContaining("0 instance(s)");

        for (String id : List.of("at-time", "latest", "restored", "bare")) {
            int port = strata.describeCluster(ClusterId.of(id)).endpoint().port();
            strata.deleteCluster(ClusterId.of(id));
            assertThat(Probe.answers(port)).isFalse();
        }
        assertThat(strata.deleteClusterIfExists(ClusterId.of("latest"))).isFalse();
        assertThat(strata.describeClusters()).extracting(Cluster::id).containsExactly(PROD);
    }

    @Test
    void backtrackRewindsInPlace() throws Exception {
        Volume pv = api.cp.volumeOf("prod");
        Probe.put(pv, 0, "kept");
        Instant before = SdkCloneActionsTest.between();
        Probe.put(pv, 1, "undone");
        Backtrack b = strata.backtrack(PROD, before);
        assertThat(b.completed()).isTrue();
        assertThat(b.to()).isEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(Probe.get(api.cp.volumeOf("prod"), 1)).isEmpty();
        assertThat(Probe.get(api.cp.volumeOf("prod"), 0)).isEqualTo("kept");
        assertThat(strata.backtracks(PROD)).extracting(Backtrack::id).containsExactly(b.id());
        assertThat(strata.waitUntilAvailable(PROD, Duration.ofSeconds(5)).isServing()).isTrue();
    }

    @Test
    void tagsChangeTheTtlLater() {
        Cluster c = strata.addTags(PROD, Map.of(Tags.TTL, "90s"));
        assertThat(c.expiresAt()).isPresent();
        c = strata.removeTags(PROD, List.of(Tags.TTL));
        assertThat(c.expiresAt()).isEmpty();
    }

    @Test
    void errorsAreTyped() {
        assertThatThrownBy(() -> strata.describeCluster(ClusterId.of("nope"))).isInstanceOf(StrataApiException.NotFound.class)
                .hasMessageContaining("nope").hasMessageEndingWith("(DBClusterNotFoundFault)")
                .satisfies(e -> assertThat(((StrataApiException) e).httpStatus()).isEqualTo(404));
        assertThat(strata.findCluster(ClusterId.of("nope"))).isEmpty();
        assertThatThrownBy(() -> strata.createCluster(CreateClusterRequest.of(PROD, "admin", "secret-pw1")))
                .isInstanceOf(StrataApiException.AlreadyExists.class);
        assertThatThrownBy(() -> strata.clone(CloneRequest.latest(PROD, ClusterId.of("dev")).withTtl("soon")))
                .isInstanceOf(StrataApiException.InvalidRequest.class)
                .satisfies(e -> assertThat(((StrataApiException) e).code()).isEqualTo("InvalidParameterValue"));
        assertThat(strata.findCluster(ClusterId.of("dev"))).isEmpty();
        assertThatThrownBy(() -> strata.backtrack(ClusterId.of("nope"), Instant.now()))
                .isInstanceOf(StrataApiException.NotFound.class);
        assertThatThrownBy(() -> StrataClient.create("http://127.0.0.1:1").describeClusters())
                .isInstanceOf(StrataUnavailableException.class).hasMessageContaining("cannot reach the Strata API");
        assertThatThrownBy(() -> StrataClient.create("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCloneWhoseInstanceCannotStartIsDeletedAgain() {
        // The quota: a failure in the first step leaves nothing behind either.
        for (int i = 0; i < 3; i++) {
            strata.clone(CloneRequest.latest(PROD, ClusterId.of("c" + i)).withoutInstance());
        }
        assertThatThrownBy(() -> strata.clone(CloneRequest.latest(PROD, ClusterId.of("c3"))))
                .isInstanceOf(StrataApiException.QuotaExceeded.class);
        strata.deleteCluster(ClusterId.of("c2"));
        assertThatThrownBy(() -> strata.clone(CloneRequest.latest(PROD, ClusterId.of("pw")).withMasterPassword("short")))
                .isInstanceOf(StrataApiException.InvalidRequest.class).hasMessageContaining("MasterUserPassword");
        assertThat(strata.findCluster(ClusterId.of("pw"))).as("the half-made clone is deleted").isEmpty();
    }
}
