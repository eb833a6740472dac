/**
 * Macro benchmarks, each a plain {@code main} run by a script in {@code bench/}: the storage layer alone
 * ({@code StorageBench}, {@code run-storage.sh}), H2 on a plain file vs on a volume ({@code EngineOverheadBench},
 * {@code run-engine.sh}), and what a test setup waits for through {@code strata server}
 * ({@code CloneToQueryBench}, {@code clone-to-query.sh}). Each prints its figures beside their targets.
 *
 * <p>May import: any Strata module and the JDK; nothing imports this package.
 */
package io.strata.bench;
