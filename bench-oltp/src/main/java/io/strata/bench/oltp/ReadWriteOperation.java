package io.strata.bench.oltp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The sysbench {@code oltp_read_write}-like transaction, one commit per {@link #execute()}: 10 point selects,
 * 1 range select of {@code rangeSize} ids, {@code UPDATE .. SET k=k+1} (index update), {@code UPDATE .. SET c=?}
 * (non-index update), then {@code DELETE} of a random id and {@code INSERT} of a row with that same id, so the
 * table keeps its size. Unlike sysbench, only the simple range query of the four range queries is run.
 */
final class ReadWriteOperation implements Operation {

  private static final int POINT_SELECTS = 10;

  private final Connection connection;
  private final PreparedStatement pointSelect;
  private final PreparedStatement rangeSelect;
  private final PreparedStatement indexUpdate;
  private final PreparedStatement nonIndexUpdate;
  private final PreparedStatement delete;
  private final PreparedStatement insert;
  private final RowGenerator rows;
  private final int tableSize;
  private final int rangeSize;

  ReadWriteOperation(Connection connection, RowGenerator rows, int tableSize, int rangeSize) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.pointSelect = connection.prepareStatement(PointSelectOperation.SQL);
    this.rangeSelect = connection.prepareStatement("SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ?");
    this.indexUpdate = connection.prepareStatement("UPDATE sbtest1 SET k=k+1 WHERE id=?");
    this.nonIndexUpdate = connection.prepareStatement("UPDATE sbtest1 SET c=? WHERE id=?");
    this.delete = connection.prepareStatement("DELETE FROM sbtest1 WHERE id=?");
    this.insert = connection.prepareStatement("INSERT INTO sbtest1 (id, k, c, pad) VALUES (?, ?, ?, ?)");
    this.rows = rows;
    this.tableSize = tableSize;
    this.rangeSize = rangeSize;
  }

  @Override
  public void execute() throws SQLException {
    for (int i = 0; i < POINT_SELECTS; i++) {
      pointSelect.setInt(1, rows.id(tableSize));
      PointSelectOperation.drain(pointSelect);
    }
    int from = rows.id(Math.max(1, tableSize - rangeSize + 1));
    rangeSelect.setInt(1, from);
    rangeSelect.setInt(2, from + rangeSize - 1);
    PointSelectOperation.drain(rangeSelect);

    indexUpdate.setInt(1, rows.id(tableSize));
    indexUpdate.executeUpdate();

    nonIndexUpdate.setString(1, rows.c());
    nonIndexUpdate.setInt(2, rows.id(tableSize));
    nonIndexUpdate.executeUpdate();

    int id = rows.id(tableSize);
    delete.setInt(1, id);
    delete.executeUpdate();
    insert.setInt(1, id);
    insert.setInt(2, rows.k());
    insert.setString(3, rows.c());
    insert.setString(4, rows.pad());
    insert.executeUpdate();

    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps :
        new PreparedStatement[] {pointSelect, rangeSelect, indexUpdate, nonIndexUpdate, delete, insert}) {
      ps.close();
    }
  }
}
