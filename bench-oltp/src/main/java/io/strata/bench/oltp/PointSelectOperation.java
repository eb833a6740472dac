package io.strata.bench.oltp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code SELECT c FROM sbtest1 WHERE id=?}, autocommit, reading the row. */
final class PointSelectOperation implements Operation {

  /** The statement, shared with {@link ReadWriteOperation}. */
  static final String SQL = "SELECT c FROM sbtest1 WHERE id=?";

  private final PreparedStatement select;
  private final RowGenerator rows;
  private final int tableSize;

  PointSelectOperation(Connection connection, RowGenerator rows, int tableSize) throws SQLException {
    connection.setAutoCommit(true);
    this.select = connection.prepareStatement(SQL);
    this.rows = rows;
    this.tableSize = tableSize;
  }

  @Override
  public void execute() throws SQLException {
    select.setInt(1, rows.id(tableSize));
    drain(select);
  }

  /** Executes a query and reads every row's first column, as a client would. */
  static int drain(PreparedStatement query) throws SQLException {
    int n = 0;
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        rs.getString(1);
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() throws SQLException {
    select.close();
  }
}
