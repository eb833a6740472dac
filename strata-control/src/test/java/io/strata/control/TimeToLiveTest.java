package io.strata.control;

import io.strata.control.testing.Probe;
import io.strata.control.testing.TcpClusterRuntime;
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

/** The strata:ttl tag: parsing, the absolute expiry it sets, deleting what expired, and a restart in between. */
class TimeToLiveTest {
    @TempDir
    Path dir;
    final TcpClusterRuntime runtime = new TcpClusterRuntime();
    ControlPlane cp;

    @BeforeEach
    void open() {
        cp = ControlPlane.open(dir, runtime, ControlPlaneOptions.defaults());
        cp.createCluster(new NewCluster("prod", null, null, "admin", "secret-pw", null, 3600L, null, null, false));
    }

    @AfterEach
    void close() {
        cp.close();
    }

    static Fault fault(Runnable r) {
        try {
            r.run();
        } catch (ControlException e) {
            return e.fault();
        }
        throw new AssertionError("no error");
    }

    @Test
    void ttlValues() {
        assertThat(Ttl.parse("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(Ttl.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Ttl.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Ttl.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Ttl.parse(" 1d ")).isEqualTo(Duration.ofDays(1));
        for (String bad : new String[] {"", "abc", "0", "0s", "-5m", "5x", "1.5h", "30 m", "3651d", "1h30m"}) {
            assertThatThrownBy(() -> Ttl.parse(bad)).as(bad).isInstanceOf(ControlException.class)
                    .hasMessageContaining("strata:ttl").hasMessageContaining("90s, 30m, 2h, 1d")
                    .extracting(e -> ((ControlException) e).fault()).isEqualTo(Fault.INVALID_PARAMETER_VALUE);
        }
    }

    @Test
    void aCloneWithATtlIsDeletedWithItsInstanceOnceItExpires() {
        Instant before = Instant.now();
        ClusterInfo dev = cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true, "copy-on-write",
                null, null, false, Map.of("team", "qa", "strata:ttl", "30m")));
        Instant expires = dev.record().expiresAt();
        assertThat(expires).isBetween(before.plus(Duration.ofMinutes(30)), Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(dev.tagList()).containsEntry("team", "qa").containsEntry("strata:ttl", "30m")
                .containsKey("strata:expires-at");
        cp.createInstance(new NewInstance("dev-1", "dev", null, null));
        int port = dev.record().port();
        assertThat(Probe.answers(port)).isTrue();

        assertThat(cp.deleteExpired(expires.minusSeconds(1))).isEmpty();
        assertThat(cp.deleteExpired(expires)).containsExactly("dev");
        assertThat(cp.describeClusters(null)).extracting(c -> c.record().id()).containsExactly("prod");
        assertThat(cp.describeInstances(null, null)).isEmpty();
        assertThat(Probe.answers(port)).isFalse();
    }

    @Test
    void theExpiryIsAbsoluteAndSurvivesARestart() {
        cp.createCluster(new NewCluster("tmp", null, null, "admin", "secret-pw", null, 0L, null, null, false,
                Map.of("strata:ttl", "2h")));
        Instant expires = cp.describeClusters("tmp").get(0).record().expiresAt();
        cp.close();
        cp = ControlPlane.open(dir, runtime, ControlPlaneOptions.defaults());
        assertThat(cp.describeClusters("tmp").get(0).record().expiresAt()).isEqualTo(expires);
        assertThat(cp.deleteExpired(expires.plusMillis(1))).containsExactly("tmp");
        cp.close();
        cp = ControlPlane.open(dir, runtime, ControlPlaneOptions.defaults());
        assertThat(cp.describeClusters(null)).extracting(c -> c.record().id()).containsExactly("prod");
    }

    @Test
    void tagsAddedLaterCountFromThenAndRemovingTheTtlEndsTheExpiry() {
        cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true, "copy-on-write", null, null, false,
                Map.of("strata:ttl", "1d")));
        Instant now = Instant.now();
        ClusterInfo shortened = cp.addTags("dev", Map.of("strata:ttl", "90s", "owner", "ci"));
        assertThat(shortened.record().expiresAt()).isBetween(now.plusSeconds(90), Instant.now().plusSeconds(90));
        assertThat(shortened.tagList()).containsEntry("strata:ttl", "90s").containsEntry("owner", "ci");
        ClusterInfo kept = cp.removeTags("dev", List.of("strata:ttl"));
        assertThat(kept.record().expiresAt()).isNull();
        assertThat(kept.tagList()).containsOnlyKeys("owner");
        assertThat(cp.deleteExpired(Instant.now().plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void badTagsAreRefused() {
        assertThat(fault(() -> cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true,
                "copy-on-write", null, null, false, Map.of("strata:ttl", "soon"))))).isEqualTo(Fault.INVALID_PARAMETER_VALUE);
        assertThat(fault(() -> cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true,
                "copy-on-write", null, null, false, Map.of("strata:expires-at", "2030-01-01T00:00:00Z")))))
                .isEqualTo(Fault.INVALID_PARAMETER_VALUE);
        assertThat(fault(() -> cp.restoreToPointInTime(new PointInTimeRestore("dev", "prod", null, true,
                "copy-on-write", null, null, true, Map.of("strata:ttl", "1h"))))).isEqualTo(Fault.INVALID_PARAMETER_COMBINATION);
        assertThat(fault(() -> cp.addTags("prod", Map.of("strata:ttl", "-1")))).isEqualTo(Fault.INVALID_PARAMETER_VALUE);
        assertThat(cp.describeClusters(null)).extracting(c -> c.record().id()).containsExactly("prod");
    }
}
