package io.strata.control.catalog;

import java.time.Instant;

/**
 * One DB instance: the running engine of its cluster. {@code status} is Aurora's wire word ("available").
 *
 * @param cacheSizeMb the engine's page cache in MiB, chosen from {@code instanceClass} when the instance was
 *                    created (see {@code io.strata.control.InstanceClasses}); 0 in catalogs written before it was
 *                    kept, where it is derived from the class again
 */
public record InstanceRecord(String id, String clusterId, String instanceClass, String engine,
                             String status, Instant createdTime, int cacheSizeMb) {

    public InstanceRecord withStatus(String newStatus) {
        return new InstanceRecord(id, clusterId, instanceClass, engine, newStatus, createdTime, cacheSizeMb);
    }
}
