/**
 * The write-ahead log: checksummed records in append-only segment files, lsn assignment, group-committed
 * fsync, recovery with torn-tail cutting. Knows nothing of volumes; records carry opaque ids.
 *
 * <p>May import: the JDK, SLF4J (a warning when a torn tail is cut) and {@code io.strata.storage} exception
 * types only.
 */
package io.strata.storage.log;
