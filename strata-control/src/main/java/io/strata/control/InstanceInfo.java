package io.strata.control;

import io.strata.control.catalog.InstanceRecord;

/**
 * An instance as DescribeDBInstances shows it: its record plus its cluster's endpoint and master user, and the
 * engine cache its class gives ({@link InstanceClasses}).
 */
public record InstanceInfo(InstanceRecord record, String endpointAddress, int port, String masterUsername,
                           String engineVersion, int cacheSizeMb) {
}
