package io.strata.api;

import io.strata.control.ControlPlaneOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tags and the strata:ttl time-to-live through the real AWS SDK: the SDK sends its Tags unchanged on
 * CreateDBCluster and both restores, DescribeDBClusters lists them (with strata:expires-at), the tagging
 * actions work on a cluster's ARN, and a bad TTL is an InvalidParameterValue error.
 */
class TagsTest {
    @TempDir
    Path dir;
    LiveApi api;
    RdsClient rds;

    @BeforeEach
    void start() throws Exception {
        api = new LiveApi(dir, ControlPlaneOptions.defaults());
        rds = api.rds();
        rds.createDBCluster(b -> b.dbClusterIdentifier("prod").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword("secret-pw1").backtrackWindow(3600L).tags(tag("team", "payments")));
    }

    @AfterEach
    void stop() {
        rds.close();
        api.close();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static Map<String, String> tags(List<Tag> list) {
        Map<String, String> m = new LinkedHashMap<>();
        list.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    DBCluster describe(String id) {
        return rds.describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters().get(0);
    }

    @Test
    void ttlGivenOnRestoresIsListedWithItsAbsoluteExpiry() {
        assertThat(tags(describe("prod").tagList())).containsExactly(Map.entry("team", "payments"));
        Instant before = Instant.now();
        DBCluster dev = rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev").sourceDBClusterIdentifier("prod")
                .restoreType("copy-on-write").useLatestRestorableTime(true)
                .tags(tag("strata:ttl", "30m"), tag("owner", "ci"))).dbCluster();
        Map<String, String> t = tags(dev.tagList());
        assertThat(t).containsEntry("strata:ttl", "30m").containsEntry("owner", "ci");
        Instant expires = Instant.parse(t.get("strata:expires-at"));
        assertThat(expires).isBetween(before.plus(Duration.ofMinutes(30)).minusMillis(1), Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(tags(describe("dev").tagList())).isEqualTo(t);

        rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier("prod").dbClusterSnapshotIdentifier("s1"));
        DBCluster back = rds.restoreDBClusterFromSnapshot(b -> b.dbClusterIdentifier("back").snapshotIdentifier("s1")
                .engine("aurora-mysql").tags(tag("strata:ttl", "2h"))).dbCluster();
        assertThat(tags(back.tagList())).containsEntry("strata:ttl", "2h").containsKey("strata:expires-at");
    }

    @Test
    void taggingActionsOnTheClusterArn() {
        String arn = describe("prod").dbClusterArn();
        rds.addTagsToResource(b -> b.resourceName(arn).tags(tag("strata:ttl", "1d"), tag("env", "test")));
        assertThat(tags(rds.listTagsForResource(b -> b.resourceName(arn)).tagList()))
                .containsEntry("team", "payments").containsEntry("strata:ttl", "1d").containsEntry("env", "test")
                .containsKey("strata:expires-at");
        rds.removeTagsFromResource(b -> b.resourceName(arn).tagKeys("strata:ttl", "env"));
        assertThat(tags(describe("prod").tagList())).containsExactly(Map.entry("team", "payments"));
        assertThat(api.cp.describeClusters("prod").get(0).record().expiresAt()).isNull();

        assertThatThrownBy(() -> rds.addTagsToResource(b -> b.resourceName("arn:aws:rds:us-east-1:000000000000:db:prod-1")
                .tags(tag("a", "b")))).isInstanceOf(RdsException.class)
                .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"))
                .hasMessageContaining("Strata tags DB clusters only");
        assertThatThrownBy(() -> rds.listTagsForResource(b -> b.resourceName("arn:aws:rds:us-east-1:000000000000:cluster:nope")))
                .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("DBClusterNotFoundFault"));
    }

    @Test
    void aBadTtlIsAnInvalidParameterValueAndNothingIsCreated() {
        for (String bad : new String[] {"soon", "0", "-5m", "10y"}) {
            assertThatThrownBy(() -> rds.restoreDBClusterToPointInTime(b -> b.dbClusterIdentifier("dev")
                    .sourceDBClusterIdentifier("prod").restoreType("copy-on-write").useLatestRestorableTime(true)
                    .tags(tag("strata:ttl", bad)))).as(bad).isInstanceOf(RdsException.class)
                    .hasMessageContaining("strata:ttl").hasMessageContaining("30m")
                    .satisfies(e -> assertThat(((RdsException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"))
                    .satisfies(e -> assertThat(((RdsException) e).statusCode()).isEqualTo(400));
        }
        assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier).containsExactly("prod");
    }
}
