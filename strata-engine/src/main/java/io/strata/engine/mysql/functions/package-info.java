/**
 * MySQL functions and operators H2 lacks or computes differently, as static Java methods that H2 calls
 * ({@code CREATE ALIAS}), and {@link io.strata.engine.mysql.functions.FunctionCatalog}, which registers them
 * in each database once ({@code PUBLIC.STRATA_*}). The expression rewriting that calls them lives in
 * {@code io.strata.engine.mysql.rewrite}.
 *
 * <p>Each method's Javadoc names the MySQL manual section it follows. Methods are pure (no session state)
 * and deterministic unless said otherwise, so H2 may fold them over constants.
 *
 * <p>May import: {@code java.*}, Jackson (JSON functions), {@code org.h2.value} (arguments taken as H2 values,
 * so a JSON or numeric argument can be told from a string). Must not import other Strata packages. H2 loads
 * these classes by name when a database opens: they must stay where the aliases point.
 */
package io.strata.engine.mysql.functions;
