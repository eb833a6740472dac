/**
 * The service as a whole: {@link io.strata.server.StrataServer} opens the control plane on a data directory,
 * serves the RDS API, and runs each cluster's engine and MySQL endpoint through
 * {@link io.strata.server.EngineClusterRuntime} (the engine's {@code Database} behind the protocol's
 * {@code MySqlServer}). May import every layer below; only the CLI imports it.
 */
package io.strata.server;
