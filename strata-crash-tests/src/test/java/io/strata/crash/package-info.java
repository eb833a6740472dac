/**
 * Crash tests of the storage layer, in their own module: {@code KillNineTest} (a child JVM, {@code CrashWorker},
 * killed with SIGKILL many times, every journalled point checked by {@code CrashLedger}), torn tails and garbage
 * ({@code TornTailTest}), bit flips ({@code BitFlipTest}), damaged checkpoints, and one regression test per bug
 * the crash tests found ({@code StorageBugsTest}). {@code LogFiles} reads the on-disk layout independently of
 * the storage code, to aim damage at exact places.
 *
 * <p>May import: {@code io.strata.storage}'s public API and the JDK.
 */
package io.strata.crash;
