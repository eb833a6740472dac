/**
 * End-to-end tests of {@code strata server} as users run it: a child JVM ({@code StrataServerProcess}) driven
 * with the AWS SDK for Java v2 (the RDS API), MySQL Connector/J, Flyway and the {@code mariadb} client; restarts
 * and {@code kill -9} with clusters and clones live.
 *
 * <p>May import: any Strata module (to start servers), client libraries; never stand-ins for Strata's layers.
 */
package io.strata.it;
