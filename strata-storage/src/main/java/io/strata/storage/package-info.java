/**
 * The storage layer's public face: {@link io.strata.storage.PageStore} (a directory of versioned volumes),
 * {@link io.strata.storage.Volume}, {@link io.strata.storage.VolumeView}, and the value types for positions
 * and ids ({@link io.strata.storage.Lsn}, {@link io.strata.storage.VolumeId}, {@link io.strata.storage.Point}).
 * Also the catalog, checkpoint and GC that sit behind it (package-private).
 *
 * <p>May import: {@code io.strata.storage.log}, {@code io.strata.storage.index}, the JDK, lz4-java, SLF4J.
 * Nothing above the storage layer (engine, protocol, control plane) is imported here.
 */
package io.strata.storage;
