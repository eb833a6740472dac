package io.strata.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class (or one test method) its own copy-on-write clone of a source cluster, deleted afterwards
 * whatever the outcome (and carrying a {@code strata:ttl} tag, so even a killed test JVM leaks nothing).
 * Inject it as a {@link javax.sql.DataSource}, a JDBC URL ({@link StrataJdbcUrl} {@code String}), or a
 * {@link StrataDatabase} (host, port, user, password, database):
 *
 * <pre>{@code
 * @StrataClone(source = "prod", at = "latest", database = "shop")
 * class OrderRepositoryTest {
 *     @Test
 *     void findsOrders(DataSource db) { ... }
 * }
 * }</pre>
 *
 * <p>Where Strata is: the API named by the system property {@code strata.api} or STRATA_API; with neither, an
 * embedded Strata started in the test JVM (in a temporary directory), where the source is created and seeded
 * as {@link StrataSource} says. Under {@code strata run} (STRATA_CLUSTER set), the clone is made of the run's
 * clone instead, so the run's schema changes are in it.
 *
 * <p>Each annotated class gets its own clone, so test classes run in parallel do not see each other's writes.
 * Combine with {@link StrataReset} to start every test from the same data.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StrataExtension.class)
public @interface StrataClone {
    /** The cluster to clone. */
    String source();

    /**
     * Which state of the source: {@code latest} (the default), an ISO-8601 time ({@code 2024-05-01T12:00:00Z}),
     * or a time relative to now ({@code -15m}, {@code -2h}).
     */
    String at() default "latest";

    /** Restore this snapshot of the source instead of cloning it at a time (RestoreDBClusterFromSnapshot). */
    String snapshot() default "";

    /** The database the injected DataSource and JDBC URL start in ("" for none). */
    String database() default "";

    /** The clone's time-to-live, the safety net should the test JVM die: seconds or 90s, 30m, 2h, 1d. */
    String ttl() default "2h";
}
