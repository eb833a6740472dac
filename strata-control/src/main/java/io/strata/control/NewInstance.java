package io.strata.control;

/** A CreateDBInstance request: an instance (the running engine) of cluster {@code clusterId}. */
public record NewInstance(String id, String clusterId, String instanceClass, String engine) {
}
