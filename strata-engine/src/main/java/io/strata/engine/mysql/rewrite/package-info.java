/**
 * Expression-level rewriting of MySQL statements into H2 SQL with MySQL's semantics: operators H2 lacks or
 * evaluates differently ({@code /}, {@code DIV}, {@code %}/{@code MOD} by zero, strings in arithmetic,
 * 64-bit integer arithmetic, {@code ->}/{@code ->>}), aggregates whose result types differ ({@code AVG},
 * {@code SUM}), and MySQL functions H2 lacks, mapped to {@code io.strata.engine.mysql.functions}.
 *
 * <p>{@link io.strata.engine.mysql.rewrite.Expressions} works on tokens ({@link io.strata.engine.mysql.SqlScanner})
 * and finds an operator's operands with {@link io.strata.engine.mysql.rewrite.Operands}, following MySQL's
 * operator precedence. Statements without any of the words or symbols it rewrites are not touched (one scan
 * of their tokens), which keeps the cost of a point select unchanged.
 *
 * <p>{@link io.strata.engine.mysql.rewrite.Rollup} emulates {@code GROUP BY .. WITH ROLLUP} as a union of the
 * grouping levels ({@link io.strata.engine.mysql.rewrite.RollupBlock} parses one query block); a form it does
 * not emulate is a {@link io.strata.engine.mysql.rewrite.RewriteException} carrying MySQL's error.
 *
 * <p>May import: {@code java.*}, {@code io.strata.engine.mysql} (the scanner),
 * {@code io.strata.engine.mysql.functions}. No H2.
 */
package io.strata.engine.mysql.rewrite;
