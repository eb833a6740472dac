/**
 * The data generator behind {@code strata generate} and the benchmarks: fills a database to a requested size
 * over JDBC (sysbench-style tables or a scaled Sakila). May import only the JDK ({@code java.sql} included).
 */
package io.strata.client.generate;
