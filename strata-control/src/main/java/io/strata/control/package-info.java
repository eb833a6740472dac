/**
 * The control plane: DB clusters (a volume, a backtrack window, master credentials, a status, an endpoint),
 * their instances, copy-on-write and full-copy restores, backtracks and snapshots, after Aurora's model so
 * SDK code written for Aurora works unchanged. {@link io.strata.control.ControlPlane} is the public face;
 * {@link io.strata.control.ClusterRuntime} is the seam to the engine and the MySQL endpoint, used only by
 * {@code Endpoints}. May import strata-storage, {@code io.strata.control.catalog}, Jackson and the JDK.
 */
package io.strata.control;
