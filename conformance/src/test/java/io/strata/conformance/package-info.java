/**
 * The conformance suite: SQL statements by category ({@code conformance/cases/*.sql}), each paired with the
 * answer MariaDB 10.11 gave ({@code conformance/expected/*.txt}, written by {@code record-expected.sh}), run
 * against Strata through MySQL Connector/J; values and column type classes are compared.
 * Known, reasoned differences are listed in {@code conformance/differences.tsv} (mirrored in
 * docs/mysql-compatibility.md); the run fails on an unlisted difference and on a listed one that passes.
 * The {@code slt} package runs sqllogictest files.
 *
 * <p>Test code only; may import everything (it drives the real engine and server in process).
 */
package io.strata.conformance;
