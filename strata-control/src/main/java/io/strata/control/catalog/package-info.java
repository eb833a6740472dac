/**
 * The control plane's durable catalog: clusters, instances, snapshots and backtrack records, as immutable
 * records kept in one JSON file ({@code DATA_DIR/control/catalog.json}) that is replaced atomically.
 * May import Jackson and the JDK only; knows nothing of storage or endpoints.
 */
package io.strata.control.catalog;
