package io.strata.control.catalog;

import java.time.Instant;

/** One DB instance: the running engine of its cluster. {@code status} is Aurora's wire word ("available"). */
public record InstanceRecord(String id, String clusterId, String instanceClass, String engine,
                             String status, Instant createdTime) {
}
