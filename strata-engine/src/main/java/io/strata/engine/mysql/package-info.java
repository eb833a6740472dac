/**
 * The MySQL-behaviour layer over an H2 (MODE=MySQL) JDBC session: what makes H2 look like MySQL 8 to
 * clients, independently of the wire protocol.
 *
 * <p>Lives here: {@link io.strata.engine.mysql.MySqlSession} (statement interception and translation:
 * SHOW, {@code SELECT @@var}, SET, USE/CREATE/DROP DATABASE, transactions, KILL, LOCK TABLES, conditional
 * comments), {@link io.strata.engine.mysql.MySqlErrors} (H2 errors to MySQL error codes and SQLSTATEs),
 * {@link io.strata.engine.mysql.SqlScanner} (MySQL lexical rules: statement splitting, comments, quoting),
 * {@link io.strata.engine.mysql.InformationSchema} (MySQL's INFORMATION_SCHEMA columns over H2's),
 * {@link io.strata.engine.mysql.DdlRewriter} (per-table index names, ALTER TABLE index clauses),
 * {@link io.strata.engine.mysql.ForeignKeyChecks} ({@code foreign_key_checks=0}),
 * {@link io.strata.engine.mysql.NamedLocks} ({@code GET_LOCK}),
 * {@link io.strata.engine.mysql.StringFunctions} ({@code SUBSTRING_INDEX}),
 * {@link io.strata.engine.mysql.TriggerCommands} (CREATE/DROP/SHOW TRIGGER, stored routines kept but not run),
 * {@link io.strata.engine.mysql.SelectInto} ({@code SELECT ... INTO @var}),
 * {@link io.strata.engine.mysql.ViewCommands} (SHOW CREATE VIEW with the text as written),
 * {@link io.strata.engine.mysql.TableFlags} (MySQL column flags of a table's keys),
 * {@link io.strata.engine.mysql.StatementShapes} (a session's memory of statement shapes that pass through
 * unchanged, and the H2 prepared statements kept for them), the per-endpoint
 * {@link io.strata.engine.mysql.SessionRegistry} (process list, KILL) and the result types handed to the
 * protocol layer.
 *
 * <p>Sub-packages: {@code rewrite} (MySQL's expression semantics as a token rewrite), {@code functions} (Java
 * functions H2 calls), {@code triggers} (MySQL triggers on H2).
 *
 * <p>May import: {@code java.*}, {@code org.h2.api.ErrorCode} (error mapping only), H2's table, index and
 * session classes (read-only, in {@code TableFlags} only), {@code io.strata.engine},
 * its sub-packages.
 * Must not import the protocol layer or Netty. Results cross the seam as plain Java values.
 *
 * <p>What differs from MySQL, and why: docs/mysql-compatibility.md.
 */
package io.strata.engine.mysql;
