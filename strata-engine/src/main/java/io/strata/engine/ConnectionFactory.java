package io.strata.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The seam between the protocol layer and the engine: a source of JDBC connections to one database
 * cluster's engine. Each call returns a new, independent session.
 *
 * <p>Concurrency: implementations are thread-safe; each returned connection is used by one thread at a time.
 */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;
}
