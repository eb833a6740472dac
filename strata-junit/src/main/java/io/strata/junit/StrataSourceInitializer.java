package io.strata.junit;

import java.sql.Connection;

/**
 * Seeds a new source cluster in code ({@link StrataSource#initializer()}); it must have a public no-argument
 * constructor. Runs once per source, after the source's scripts, with a connection (autocommit on) as its
 * master user.
 */
@FunctionalInterface
public interface StrataSourceInitializer {
    void initialize(Connection connection) throws Exception;

    /** The default: nothing to run. */
    final class None implements StrataSourceInitializer {
        @Override
        public void initialize(Connection connection) {
        }
    }
}
