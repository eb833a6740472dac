package io.strata.control;

import io.strata.control.catalog.BacktrackRecord;
import io.strata.control.catalog.CatalogFile;
import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.ClusterStatus;
import io.strata.control.testing.Probe;
import io.strata.control.testing.TcpClusterRuntime;
import io.strata.storage.PageStore;
import io.strata.storage.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlPlaneTest {
    @TempDir
    Path dir;
    TcpClusterRuntime runtime = new TcpClusterRuntime();
    ControlPlane cp;

    static ControlPlaneOptions options() {
        return ControlPlaneOptions.defaults().withMaxClonesPerSource(2);
    }

    @BeforeEach
    void open() {
        cp = ControlPlane.open(dir, runtime, options());
    }

    @AfterEach
    void close() {
        cp.close();
    }

    ClusterInfo create(String id, long window) {
        return cp.createCluster(new NewCluster(id, null, null, "admin", "secret-pw", null, window, null, null, false));
    }

    static void pause() throws InterruptedException {
        Thread.sleep(30);
    }

    @Test
    void clusterServesOnlyWithAnInstance() {
        ClusterInfo c = create("prod", 3600);
        int port = c.record().port();
        assertThat(Probe.answers(port)).isFalse();
        cp.createInstance(new NewInstance("prod-1", "prod", null, null));
        assertThat(Probe.answers(port)).isTrue();
        cp.stopCluster("prod");
        assertThat(Probe.answers(port)).isFalse();
        cp.startCluster("prod");
        assertThat(Probe.answers(port)).isTrue();
        cp.deleteInstance("prod-1");
        assertThat(Probe.answers(port)).isFalse();
        cp.deleteCluster("prod", true, null);
        assertThat(cp.describeClusters(null)).isEmpty();
    }

    @Test
    void cloneAtATimeHoldsThatStateAndBacktracksBackAndForth() throws Exception {
        create("prod", 3600);
        Volume prod = cp.volumeOf("prod");
        Probe.put(prod, 0, "first");
        pause();
        Instant between = Instant.now();
        pause();
        Probe.put(prod, 1, "second");

        ClusterInfo clone = cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", between, false,
                "copy-on-write", null, null, false));
        assertThat(clone.record().cloneGroupId()).isEqualTo(cp.describeClusters("prod").get(0).record().cloneGroupId());
        Volume dev = cp.volumeOf("dev");
        assertThat(Probe.get(dev, 0)).isEqualTo("first");
        assertThat(Probe.get(dev, 1)).isEmpty();

        pause();
        Probe.put(dev, 2, "dev-only");
        pause();
        Instant beforeBacktrack = Instant.now();
        pause();
        BacktrackRecord b = cp.backtrack(new BacktrackRequest("dev", clone.record().createdTime().plusMillis(1), false));
        assertThat(b.status()).isEqualTo("completed");
        assertThat(Probe.get(dev, 2)).isEmpty();
        cp.backtrack(new BacktrackRequest("dev", beforeBacktrack, false));
        assertThat(Probe.get(dev, 2)).isEqualTo("dev-only");
        assertThat(Probe.get(prod, 2)).isEmpty();
        assertThat(cp.describeBacktracks("dev", null)).hasSize(2);

        assertThatThrownBy(() -> cp.backtrack(new BacktrackRequest("dev", between, false)))
                .isInstanceOf(ControlException.class).hasMessageContaining("earliest backtrack time");
        assertThat(cp.backtrack(new BacktrackRequest("dev", between, true)).backtrackTo())
                .isAfterOrEqualTo(clone.record().createdTime().minusSeconds(1));
    }

    @Test
    void catalogAndEndpointsSurviveARestart() throws Exception {
        ClusterInfo prod = create("prod", 3600);
        cp.createInstance(new NewInstance("prod-1", "prod", null, null));
        Probe.put(cp.volumeOf("prod"), 0, "kept");
        ClusterInfo dev = cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true,
                "copy-on-write", null, null, false));
        cp.createInstance(new NewInstance("dev-1", "dev", null, null));
        cp.createSnapshot("snap", "prod");
        cp.close();
        assertThat(Probe.answers(prod.record().port())).isFalse();

        cp = ControlPlane.open(dir, runtime, options());
        assertThat(Probe.answers(prod.record().port())).isTrue();
        assertThat(Probe.answers(dev.record().port())).isTrue();
        assertThat(Probe.get(cp.volumeOf("dev"), 0)).isEqualTo("kept");
        assertThat(cp.describeSnapshots(null, null)).hasSize(1);
    }

    @Test
    void snapshotOutlivesItsCluster() {
        create("prod", 0);
        Probe.put(cp.volumeOf("prod"), 0, "snap-data");
        cp.deleteCluster("prod", false, "final");
        cp.restoreFromSnapshot(new SnapshotRestore("back", "final", null, null, false));
        assertThat(Probe.get(cp.volumeOf("back"), 0)).isEqualTo("snap-data");
        cp.deleteSnapshot("final");
        assertThat(cp.describeSnapshots(null, null)).isEmpty();
    }

    @Test
    void rulesAreAurora() {
        create("prod", 60);
        assertThatThrownBy(() -> create("PROD", 0)).isInstanceOf(ControlException.class)
                .extracting(e -> ((ControlException) e).fault()).isEqualTo(Fault.DB_CLUSTER_ALREADY_EXISTS);
        assertThatThrownBy(() -> create("big", 259_201)).extracting(e -> ((ControlException) e).fault())
                .isEqualTo(Fault.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> cp.backtrack(new BacktrackRequest("prod", Instant.now().plusSeconds(60), false)))
                .extracting(e -> ((ControlException) e).fault()).isEqualTo(Fault.INVALID_PARAMETER_VALUE);
        for (int i = 0; i < 2; i++) {
            cp.restoreToPointInTime(new PointInTimeRestore("c" + i, "prod", null, true, "copy-on-write", null, null, false));
        }
        assertThatThrownBy(() -> cp.restoreToPointInTime(new PointInTimeRestore("c9", "prod", null, true,
                "copy-on-write", null, null, false))).extracting(e -> ((ControlException) e).fault())
                .isEqualTo(Fault.DB_CLUSTER_QUOTA_EXCEEDED);
        cp.restoreToPointInTime(new PointInTimeRestore("full", "prod", null, true, null, null, null, false));
        assertThat(cp.describeClusters("full").get(0).record().restoreType()).isEqualTo("full-copy");
    }

    @Test
    void openFinishesWhatACrashCutShort() {
        create("kept", 3600);
        create("orphan", 0);
        cp.close();
        // As if the server died after creating orphan's volume but before committing it, and mid-backtrack of kept.
        CatalogFile file = new CatalogFile(dir.resolve("control"));
        ClusterRecord kept = file.load().clusters().stream().filter(c -> c.id().equals("kept")).findFirst().orElseThrow();
        Instant now = Instant.now();
        file.save(new CatalogFile.Content(1, List.of(kept.withStatus(ClusterStatus.BACKTRACKING)), List.of(), List.of(),
                List.of(new BacktrackRecord("backtrack-1", "kept", now, now, now, "applying"))));

        cp = ControlPlane.open(dir, runtime, options());
        assertThat(cp.describeClusters(null)).extracting(i -> i.record().id()).containsExactly("kept");
        assertThat(cp.describeClusters("kept").get(0).record().status()).isEqualTo(ClusterStatus.AVAILABLE);
        assertThat(cp.describeBacktracks("kept", null)).singleElement().extracting(BacktrackRecord::status).isEqualTo("failed");
        cp.close();
        try (PageStore store = PageStore.open(dir.resolve("storage"))) {
            assertThat(store.volumes()).singleElement().extracting(Volume::name).asString().startsWith("cluster-kept-");
        }
        cp = ControlPlane.open(dir, runtime, options());
    }
}
