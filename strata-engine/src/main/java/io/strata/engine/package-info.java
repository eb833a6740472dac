/**
 * The engine seam: {@link io.strata.engine.ConnectionFactory}, and {@link io.strata.engine.Database},
 * H2 (MODE=MySQL, unmodified) running on one Strata volume with every acknowledged commit durable.
 *
 * <p>May import {@code io.strata.storage}, {@code io.strata.engine.h2}, {@code org.h2} and the JDK.
 * The protocol layer sees only {@code ConnectionFactory}, {@code Database} and {@code EngineOptions}.
 */
package io.strata.engine;
