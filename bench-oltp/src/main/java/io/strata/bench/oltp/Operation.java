package io.strata.bench.oltp;

import java.sql.SQLException;

/** One worker's prepared statements for a workload; each {@link #execute()} performs one op. */
public interface Operation extends AutoCloseable {

  /**
   * Performs one op (a statement, or a whole transaction including its commit).
   *
   * @throws SQLException on any server error; the caller rolls back and classifies it
   */
  void execute() throws SQLException;

  /** Closes the prepared statements (not the connection). */
  @Override
  void close() throws SQLException;
}
