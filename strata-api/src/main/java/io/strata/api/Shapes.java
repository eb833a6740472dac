package io.strata.api;

import io.strata.control.ClusterInfo;
import io.strata.control.InstanceInfo;
import io.strata.control.catalog.BacktrackRecord;
import io.strata.control.catalog.ClusterRecord;
import io.strata.control.catalog.InstanceRecord;
import io.strata.control.catalog.SnapshotRecord;

import java.util.Map;

/**
 * Writes RDS's data types (DBCluster, DBInstance, DBClusterSnapshot, DBClusterBacktrack) with RDS's names.
 * DBCluster's {@code PercentProgress} (RDS's own field) is written while a full-copy restore into the cluster
 * runs: how much of the copy is done, 0 to 100.
 */
final class Shapes {
    private final String region;
    private final String account;

    Shapes(String region, String account) {
        this.region = region;
        this.account = account;
    }

    private String arn(String kind, String id) {
        return "arn:aws:rds:" + region + ":" + account + ":" + kind + ":" + id;
    }

    void cluster(XmlWriter x, String element, ClusterInfo info) {
        ClusterRecord c = info.record();
        x.start(element)
                .leaf("AllocatedStorage", 1)
                .leaf("BackupRetentionPeriod", c.backupRetentionDays())
                .leaf("DatabaseName", c.databaseName())
                .leaf("DBClusterIdentifier", c.id())
                .leaf("DBClusterParameterGroup", "default.aurora-mysql8.0")
                .leaf("Status", c.status().wire())
                .leaf("PercentProgress", info.percentProgress())
                .leaf("EarliestRestorableTime", info.earliestRestorable())
                .leaf("Endpoint", info.endpointAddress())
                .leaf("ReaderEndpoint", info.endpointAddress())
                .leaf("MultiAZ", false)
                .leaf("Engine", c.engine())
                .leaf("EngineVersion", c.engineVersion())
                .leaf("LatestRestorableTime", info.latestRestorable())
                .leaf("Port", c.port())
                .leaf("MasterUsername", c.masterUsername());
        x.start("DBClusterMembers");
        for (InstanceRecord i : info.members()) {
            x.start("DBClusterMember").leaf("DBInstanceIdentifier", i.id()).leaf("IsClusterWriter", true)
                    .leaf("DBClusterParameterGroupStatus", "in-sync").leaf("PromotionTier", 1).end();
        }
        x.end()
                .leaf("StorageEncrypted", false)
                .leaf("DbClusterResourceId", "cluster-" + c.volumeName().substring(c.volumeName().lastIndexOf('-') + 1))
                .leaf("DBClusterArn", arn("cluster", c.id()))
                .leaf("CloneGroupId", c.cloneGroupId())
                .leaf("ClusterCreateTime", c.createdTime())
                .leaf("EarliestBacktrackTime", info.earliestBacktrack())
                .leaf("BacktrackWindow", c.backtrackWindowSeconds())
                .leaf("EngineMode", "provisioned")
                .leaf("DeletionProtection", c.deletionProtection());
        tagList(x, info.tagList());
        x.end();
    }

    /** A TagList: Tag elements of Key and Value. */
    void tagList(XmlWriter x, Map<String, String> tags) {
        x.start("TagList");
        tags.forEach((k, v) -> x.start("Tag").leaf("Key", k).leaf("Value", v).end());
        x.end();
    }

    /** The cluster id an ARN names ({@code arn:aws:rds:REGION:ACCOUNT:cluster:ID}); Strata tags clusters only. */
    static String clusterOfArn(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[0].equals("arn") || !parts[2].equals("rds")) {
            throw ApiError.invalidParameter("The parameter ResourceName is not a valid ARN: '" + arn
                    + "'. Use a DB cluster's DBClusterArn, e.g. arn:aws:rds:us-east-1:000000000000:cluster:prod.");
        }
        if (!parts[5].equals("cluster")) {
            throw ApiError.invalidParameter("Strata tags DB clusters only; '" + arn + "' names a " + parts[5] + ".");
        }
        return parts[6];
    }

    void instance(XmlWriter x, String element, InstanceInfo info) {
        InstanceRecord i = info.record();
        x.start(element)
                .leaf("DBInstanceIdentifier", i.id())
                .leaf("DBInstanceClass", i.instanceClass())
                .leaf("Engine", i.engine())
                .leaf("DBInstanceStatus", i.status())
                .leaf("MasterUsername", info.masterUsername())
                .start("Endpoint").leaf("Address", info.endpointAddress()).leaf("Port", info.port()).end()
                .leaf("InstanceCreateTime", i.createdTime())
                .leaf("DBClusterIdentifier", i.clusterId())
                .leaf("EngineVersion", info.engineVersion())
                .leaf("PubliclyAccessible", false)
                .leaf("StorageEncrypted", false)
                .leaf("DbInstancePort", 0)
                .leaf("DBInstanceArn", arn("db", i.id()))
                .end();
    }

    void snapshot(XmlWriter x, String element, SnapshotRecord s) {
        x.start(element)
                .leaf("DBClusterSnapshotIdentifier", s.id())
                .leaf("DBClusterIdentifier", s.clusterId())
                .leaf("SnapshotCreateTime", s.snapshotTime())
                .leaf("Engine", s.engine())
                .leaf("EngineMode", "provisioned")
                .leaf("AllocatedStorage", 0)
                .leaf("Status", "available")
                .leaf("Port", s.port())
                .leaf("ClusterCreateTime", s.clusterCreatedTime())
                .leaf("MasterUsername", s.masterUsername())
                .leaf("EngineVersion", s.engineVersion())
                .leaf("SnapshotType", "manual")
                .leaf("PercentProgress", 100)
                .leaf("StorageEncrypted", false)
                .leaf("DBClusterSnapshotArn", arn("cluster-snapshot", s.id()))
                .end();
    }

    /** The fields of a DBClusterBacktrack, without an enclosing element (BacktrackDBClusterResult has none). */
    void backtrackFields(XmlWriter x, BacktrackRecord b) {
        x.leaf("DBClusterIdentifier", b.clusterId())
                .leaf("BacktrackIdentifier", b.id())
                .leaf("BacktrackTo", b.backtrackTo())
                .leaf("BacktrackedFrom", b.backtrackedFrom())
                .leaf("BacktrackRequestCreationTime", b.requestCreationTime())
                .leaf("Status", b.status());
    }
}
