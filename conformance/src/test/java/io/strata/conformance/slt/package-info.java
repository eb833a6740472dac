/**
 * A runner for sqllogictest files (the SQLite project's format, https://www.sqlite.org/sqllogictest): records
 * {@code statement ok|error} and {@code query TYPES SORTMODE [LABEL]} with expected values or an MD5 hash of
 * them, {@code hash-threshold}, {@code halt}, and {@code skipif}/{@code onlyif} conditions, evaluated for the
 * engine name {@code mysql}. Values are formatted as the reference runner does: {@code I} as an integer,
 * {@code R} with three decimals, {@code T} with {@code (empty)} for '' and '@' for control characters, NULL as
 * {@code NULL}.
 *
 * <p>Test code only.
 */
package io.strata.conformance.slt;
