/**
 * MySQL triggers on H2. A MySQL trigger becomes an H2 trigger ({@code CREATE TRIGGER ... CALL}) of the one
 * generic class {@link io.strata.engine.mysql.triggers.MySqlTrigger}, which runs the trigger's
 * {@link io.strata.engine.mysql.triggers.TriggerProgram}: the MySQL body compiled, at CREATE TRIGGER, into H2
 * statements with {@code NEW.col}/{@code OLD.col} as parameters. Programs, bodies and definitions are kept in
 * the database itself ({@link io.strata.engine.mysql.triggers.TriggerCatalog}, table
 * {@code PUBLIC.STRATA_TRIGGERS}), so triggers survive a restart and follow clones and backtracks.
 *
 * <p>Bodies: {@code SET NEW.col = expr}, INSERT/UPDATE/DELETE/REPLACE statements, {@code IF ... THEN ...
 * [ELSEIF ...] [ELSE ...] END IF}, {@code SIGNAL SQLSTATE}, in {@code BEGIN ... END} blocks
 * (MySQL manual 15.1.22 CREATE TRIGGER, 27.3 Using Triggers). Anything else is refused at CREATE TRIGGER.
 *
 * <p>May import: {@code java.*}, {@code org.h2.api.Trigger} (the interface H2 calls), Jackson (the stored
 * program form). H2 instantiates {@code MySqlTrigger} by its class name, stored in each database: it must
 * not move.
 */
package io.strata.engine.mysql.triggers;
