package io.strata.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How to make a source cluster that does not exist yet: created once per Strata (so once per test JVM in
 * embedded mode), seeded by running {@link #scripts()} (SQL files or mysqldump dumps, plain or .gz, as classpath
 * resources or file paths, in order, through strata-client's dump reader) and then {@link #initializer()}.
 * A source that exists already is used as it is.
 *
 * <pre>{@code
 * @StrataSource(name = "shop", scripts = {"db/schema.sql", "db/data.sql.gz"})
 * @StrataClone(source = "shop")
 * class CartTest { ... }
 * }</pre>
 *
 * <p>Several JVMs sharing one server wait for the one that seeds (it marks the end with a snapshot
 * {@code NAME-seeded}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(StrataSources.class)
public @interface StrataSource {
    /** The source cluster's name. */
    String name();

    /** SQL scripts or dumps run in order: classpath resources, else file paths. */
    String[] scripts() default {};

    /** Code run after the scripts, with a connection to the new source. */
    Class<? extends StrataSourceInitializer> initializer() default StrataSourceInitializer.None.class;

    /** The source's master user. */
    String user() default "admin";

    /** The source's master password (clones get passwords of their own). */
    String password() default "strata-source-pw";
}
