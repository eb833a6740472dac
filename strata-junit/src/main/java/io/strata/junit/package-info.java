/**
 * Strata's JUnit 5 extension: {@link io.strata.junit.StrataClone} gives a test class or method its own
 * copy-on-write clone of a source cluster (deleted afterwards, with a time-to-live as the safety net),
 * {@link io.strata.junit.StrataReset} backtracks it to its post-setup state before each test,
 * {@link io.strata.junit.StrataSource} creates and seeds a missing source, and the clone is injected as a
 * DataSource, a JDBC URL or a {@link io.strata.junit.StrataDatabase}. Against a running server (strata.api /
 * STRATA_API) or an embedded one.
 *
 * <p>May import strata-client, JUnit Jupiter's API, java.sql; strata-server only in {@code EmbeddedStrata}.
 */
package io.strata.junit;
