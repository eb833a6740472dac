/**
 * H2 on a Strata volume: the {@code strata:} H2 file system ({@link io.strata.engine.h2.StrataFilePath}),
 * the channel over a volume, the registry of attached volumes, and the store-header substitution that
 * keeps every commit point recoverable once H2 reuses chunk space.
 *
 * <p>The only package, with {@code io.strata.engine}, that imports {@code org.h2}. May import
 * {@code io.strata.storage} and the JDK; must not import {@code io.strata.engine} (the dependency points
 * the other way).
 */
package io.strata.engine.h2;
