/**
 * Strata's Java client ({@link io.strata.client.StrataClient}): typed clone, backtrack, restore, snapshot,
 * describe, delete and wait calls over the RDS-compatible API, with typed results ({@code Cluster},
 * {@code Snapshot}, {@code Backtrack}) and errors ({@code StrataApiException} and its kinds). What
 * strata-junit, the {@code strata} CLI and users' own tools share.
 *
 * <p>May import only the JDK and this module's own packages ({@code wire}); never a server module.
 */
package io.strata.client;
