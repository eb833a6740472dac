package io.strata.control.catalog;

/** A DB cluster's status, spelled on the wire as Aurora spells it ({@link #wire()}). */
public enum ClusterStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    BACKTRACKING("backtracking"),
    MODIFYING("modifying"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    STARTING("starting"),
    DELETING("deleting");

    private final String wire;

    ClusterStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
