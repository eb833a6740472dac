/**
 * Loading MySQL dumps: {@link io.strata.client.dump.DumpReader} splits a mysqldump / mariadb-dump file (plain
 * or gzip) into statements as the {@code mysql} client does (quotes, comments, executable comments,
 * {@code DELIMITER} blocks), with line numbers and byte progress; {@link io.strata.client.dump.DumpLoader} runs
 * them over JDBC and stops at the first failing statement with its line and MySQL error. The one dump reader
 * of Strata: {@code strata import}, {@code strata run}'s schema changes and strata-junit's source seeding use it.
 *
 * <p>May import the JDK ({@code java.sql} included); no JDBC driver: the caller brings the connection.
 */
package io.strata.client.dump;
