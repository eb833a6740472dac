/**
 * The in-memory page index: {@link io.strata.storage.index.Timeline}s and the version lists of their pages.
 *
 * <p>May import: the JDK, {@code io.strata.storage} value types and {@code io.strata.storage.log.Loc}.
 */
package io.strata.storage.index;
