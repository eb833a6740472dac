package io.strata.bench.oltp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code INSERT INTO sbtest1 (k, c, pad) VALUES (?, ?, ?)} with an auto-increment id, autocommit. */
final class InsertOperation implements Operation {

  private final PreparedStatement insert;
  private final RowGenerator rows;

  InsertOperation(Connection connection, RowGenerator rows) throws SQLException {
    connection.setAutoCommit(true);
    this.insert = connection.prepareStatement("INSERT INTO sbtest1 (k, c, pad) VALUES (?, ?, ?)");
    this.rows = rows;
  }

  @Override
  public void execute() throws SQLException {
    insert.setInt(1, rows.k());
    insert.setString(2, rows.c());
    insert.setString(3, rows.pad());
    insert.executeUpdate();
  }

  @Override
  public void close() throws SQLException {
    insert.close();
  }
}
