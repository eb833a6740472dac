/**
 * The engine seam: {@link io.strata.engine.ConnectionFactory}, and {@link io.strata.engine.Database},
 * H2 (MODE=MySQL, unmodified) running on one Strata volume with every acknowledged commit durable: the
 * commit gate ({@code CommitGate}), lock waits held outside H2 ({@code LockWaits}, {@code LockWaiter}) and
 * the few H2 internals they read ({@code H2Transactions}).
 *
 * <p>May import {@code io.strata.storage}, {@code io.strata.engine.h2}, {@code org.h2} and the JDK.
 * The protocol layer sees only {@code ConnectionFactory}, {@code Database} and {@code EngineOptions}.
 */
package io.strata.engine;
