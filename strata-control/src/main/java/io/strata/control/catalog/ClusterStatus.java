package io.strata.control.catalog;

/**
 * A DB cluster's status, spelled on the wire as Aurora spells it ({@link #wire()}). When each is shown is
 * written in docs/ARCHITECTURE.md ("Cluster statuses").
 */
public enum ClusterStatus {
    /** Being created: a full-copy restore copying (with PercentProgress), or any create for its few milliseconds. */
    CREATING("creating"),
    AVAILABLE("available"),
    /** A backtrack is closing the endpoint, rewinding the volume and reopening. */
    BACKTRACKING("backtracking"),
    MODIFYING("modifying"),
    /** ModifyDBCluster changed the master password and the endpoint restarts with it. */
    RESETTING_MASTER_CREDENTIALS("resetting-master-credentials"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    STARTING("starting"),
    DELETING("deleting"),
    /** A full-copy restore that did not finish (an error, or a server stop mid-copy): it holds no data; delete it. */
    FAILED("failed");

    private final String wire;

    ClusterStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
