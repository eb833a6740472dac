/**
 * The control plane: DB clusters (a volume, a backtrack window, master credentials, a status, an endpoint),
 * their instances (an instance class is the engine's cache size: {@code InstanceClasses}), copy-on-write and
 * full-copy restores (full copies run in the background: {@code FullCopies}), backtracks and snapshots, after
 * Aurora's model so SDK code written for Aurora works unchanged. {@link io.strata.control.ControlPlane} is the
 * public face and states the concurrency contract (one lock per cluster and snapshot: {@code Locks}; Describe*
 * never wait); {@link io.strata.control.ClusterRuntime} is the seam to the engine and the MySQL endpoint, used only
 * by {@code Endpoints}. May import strata-storage, {@code io.strata.control.catalog}, Jackson, SLF4J and the JDK.
 */
package io.strata.control;
