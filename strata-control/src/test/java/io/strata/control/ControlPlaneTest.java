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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        Instant earliestShown = cp.describeClusters("dev").get(0).earliestBacktrack();
        BacktrackRecord toEarliest = cp.backtrack(new BacktrackRequest("dev", between, true));
        assertThat(toEarliest.backtrackTo()).as("the earliest backtrack time, as shown").isEqualTo(earliestShown);
        assertThat(Probe.get(dev, 0)).isEqualTo("first");
        assertThat(Probe.get(dev, 2)).as("the clone's state at its creation").isEmpty();
    }

    @Test
    void timesShownAreAcceptedWhenSentBack() throws Exception {
        create("prod", 3600);
        Probe.put(cp.volumeOf("prod"), 0, "a");
        pause();
        ClusterInfo clone = cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true,
                "copy-on-write", null, null, false));
        Probe.put(cp.volumeOf("dev"), 1, "b");
        ClusterInfo shown = cp.describeClusters("dev").get(0);
        assertThat(shown.earliestBacktrack()).isEqualTo(shown.earliestBacktrack().truncatedTo(ChronoUnit.MILLIS));
        assertThat(shown.earliestRestorable()).isEqualTo(shown.earliestRestorable().truncatedTo(ChronoUnit.MILLIS));
        assertThat(shown.earliestBacktrack()).isAfterOrEqualTo(clone.record().createdTime().minusSeconds(1));

        BacktrackRecord b = cp.backtrack(new BacktrackRequest("dev", shown.earliestBacktrack(), false));
        assertThat(b.status()).isEqualTo("completed");
        assertThat(b.backtrackTo()).isEqualTo(shown.earliestBacktrack());
        assertThat(b.backtrackedFrom()).isBefore(b.requestCreationTime()).isAfter(shown.earliestBacktrack());
        assertThat(Probe.get(cp.volumeOf("dev"), 1)).isEmpty();

        ClusterInfo again = cp.restoreToPointInTime(new PointInTimeRestore("dev2", "dev", shown.earliestRestorable(),
                false, "copy-on-write", null, null, false));
        assertThat(Probe.get(cp.volumeOf("dev2"), 0)).isEqualTo("a");
        assertThat(again.latestRestorable()).isEqualTo(again.latestRestorable().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void describeNeverWaitsForAnEngineStartingOnAnotherThread() throws Exception {
        create("slow", 0);
        runtime.holdStarts = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<InstanceInfo> starting = other.submit(() -> cp.createInstance(new NewInstance("slow-1", "slow", null, null)));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (cp.describeInstances(null, "slow").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(cp.describeInstances("slow-1", null)).singleElement()
                    .extracting(i -> i.record().status()).isEqualTo("creating");
            assertThat(cp.describeClusters("slow").get(0).record().status()).isEqualTo(ClusterStatus.AVAILABLE);
            create("other", 0);
            assertThat(cp.describeClusters(null)).hasSize(2);
            assertThat(starting).isNotDone();
            runtime.holdStarts.countDown();
            assertThat(starting.get(10, TimeUnit.SECONDS).record().status()).isEqualTo("available");
        } finally {
            runtime.holdStarts.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void fullCopyRunsInTheBackgroundAndSharesNothing() throws Exception {
        create("prod", 0);
        Volume prod = cp.volumeOf("prod");
        for (int i = 0; i < 200; i++) {
            Probe.put(prod, i * 100, "row-" + i);
        }
        ClusterInfo copy = cp.restoreToPointInTime(new PointInTimeRestore("copy", "prod", null, true, "full-copy",
                null, null, false));
        assertThat(copy.record().status()).isEqualTo(ClusterStatus.CREATING);
        assertThat(copy.percentProgress()).isBetween(0, 100);
        assertThat(copy.record().cloneGroupId()).isNotEqualTo(cp.describeClusters("prod").get(0).record().cloneGroupId());
        ClusterInfo done = awaitStatus("copy", ClusterStatus.AVAILABLE);
        assertThat(done.percentProgress()).isNull();
        assertThat(done.earliestRestorable()).isNotNull();
        cp.deleteCluster("prod", true, null);
        Volume copied = cp.volumeOf("copy");
        for (int i = 0; i < 200; i++) {
            assertThat(Probe.get(copied, i * 100)).isEqualTo("row-" + i);
        }
    }

    @Test
    void aFullCopyCutShortIsFailedAtOpenAndCanBeDeleted() {
        create("prod", 0);
        cp.close();
        CatalogFile file = new CatalogFile(dir.resolve("control"));
        CatalogFile.Content c = file.load();
        ClusterRecord prod = c.clusters().get(0);
        ClusterRecord halfCopied = new ClusterRecord("copy", "cluster-copy-00000000", prod.port() + 1, prod.engine(),
                prod.engineVersion(), "admin", "secret-pw", null, 0, 1, false, ClusterStatus.CREATING, Instant.now(),
                "g", "prod", "full-copy", java.util.Map.of(), null);
        file.save(new CatalogFile.Content(1, List.of(prod, halfCopied), List.of(), List.of(), List.of()));

        cp = ControlPlane.open(dir, runtime, options());
        ClusterInfo failed = cp.describeClusters("copy").get(0);
        assertThat(failed.record().status()).isEqualTo(ClusterStatus.FAILED);
        assertThat(failed.earliestRestorable()).isNull();
        assertThatThrownBy(() -> cp.createInstance(new NewInstance("copy-1", "copy", null, null)))
                .extracting(e -> ((ControlException) e).fault()).isEqualTo(Fault.INVALID_DB_CLUSTER_STATE);
        cp.deleteCluster("copy", true, null);
        assertThat(cp.describeClusters(null)).extracting(i -> i.record().id()).containsExactly("prod");
    }

    @Test
    void aFailedBacktrackIsRecordedAndAnsweredWithAnError() {
        create("prod", 3600);
        cp.createInstance(new NewInstance("prod-1", "prod", null, null));
        int port = cp.describeClusters("prod").get(0).record().port();
        runtime.failNextClose = "the engine did not close";
        assertThatThrownBy(() -> cp.backtrack(new BacktrackRequest("prod", Instant.now(), false)))
                .isInstanceOf(ControlException.class).hasMessageContaining("the engine did not close")
                .hasMessageContaining("failed")
                .extracting(e -> ((ControlException) e).fault()).isEqualTo(Fault.ENDPOINT_UNAVAILABLE);
        assertThat(cp.describeBacktracks("prod", null)).singleElement().extracting(BacktrackRecord::status).isEqualTo("failed");
        assertThat(cp.describeClusters("prod").get(0).record().status()).isEqualTo(ClusterStatus.AVAILABLE);
        assertThat(Probe.answers(port)).isTrue();
    }

    @Test
    void instanceClassGivesTheEngineCache() {
        create("prod", 0);
        InstanceInfo i = cp.createInstance(new NewInstance("prod-1", "prod", "db.t3.medium", null));
        assertThat(runtime.lastCacheSizeMb).isEqualTo(64);
        assertThat(i.cacheSizeMb()).isEqualTo(64);
        cp.deleteInstance("prod-1");
        cp.createInstance(new NewInstance("prod-2", "prod", "db.r6g.2xlarge", null));
        assertThat(runtime.lastCacheSizeMb).isEqualTo(512);
        cp.deleteInstance("prod-2");
        cp.createInstance(new NewInstance("prod-3", "prod", "db.strata.24m", null));
        assertThat(runtime.lastCacheSizeMb).isEqualTo(24);
        assertThatThrownBy(() -> cp.createInstance(new NewInstance("prod-4", "prod", "db.huge", null)))
                .hasMessageContaining("Invalid DBInstanceClass db.huge").hasMessageContaining("db.strata.NNNm");
        cp.close();
        runtime.lastCacheSizeMb = 0;
        cp = ControlPlane.open(dir, runtime, options());
        assertThat(runtime.lastCacheSizeMb).as("kept in the catalog across a restart").isEqualTo(24);
        assertThat(cp.describeInstances("prod-3", null).get(0).record().instanceClass()).isEqualTo("db.strata.24m");
    }

    @Test
    void newClustersTakePortsOnlyFromTheRange() {
        cp.close();
        int free = new Endpoints(runtime, "127.0.0.1", 0, 65535).allocatePort(java.util.Set.of());
        cp = ControlPlane.open(dir, runtime, options().withPortRange(free, free));
        assertThat(create("one", 0).record().port()).isEqualTo(free);
        assertThatThrownBy(() -> create("two", 0)).hasMessageContaining("No free port in " + free + "-" + free)
                .hasMessageContaining("--port-range");
    }

    ClusterInfo awaitStatus(String id, ClusterStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        ClusterInfo c = cp.describeClusters(id).get(0);
        while (c.record().status() != status && System.nanoTime() < deadline) {
            Thread.sleep(10);
            c = cp.describeClusters(id).get(0);
        }
        assertThat(c.record().status()).isEqualTo(status);
        return c;
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
                "copy-on-write", null, null, false))).hasMessageContaining("`strata server --max-clones-per-source N` (N > 2)")
                .extracting(e -> ((ControlException) e).fault()).isEqualTo(Fault.DB_CLUSTER_QUOTA_EXCEEDED);
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
