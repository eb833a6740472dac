package io.strata.bench.oltp;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The three measured workloads, with the Strata/MariaDB throughput ratio each must reach.
 *
 * <p>One "op" is one statement for {@link #POINT_SELECT} and {@link #INSERT}, and one whole committed
 * transaction for {@link #READ_WRITE}.
 */
public enum Workload {

  /** {@code SELECT c FROM sbtest1 WHERE id=?} with a uniformly random existing id, autocommit. */
  POINT_SELECT("point_select", 1.0),

  /**
   * A sysbench {@code oltp_read_write}-like transaction: 10 point selects, 1 range select, 1 index update,
   * 1 non-index update, 1 delete and 1 re-insert of the same id, commit.
   */
  READ_WRITE("read_write", 1.0),

  /** A single-row {@code INSERT} (auto-increment id), autocommit: one durable commit per op. */
  INSERT("insert", 0.8);

  private final String label;
  private final double threshold;

  Workload(String label, double threshold) {
    this.label = label;
    this.threshold = threshold;
  }

  /** @return the name used on the command line and in the table */
  public String label() {
    return label;
  }

  /** @return the minimum target/baseline throughput ratio for a PASS */
  public double threshold() {
    return threshold;
  }

  /**
   * Prepares this workload's statements on one connection.
   *
   * @param connection a connection owned by the calling worker thread
   * @param rows       row generator owned by the calling worker thread
   * @param config     benchmark settings (table size, range size)
   * @return an operation that runs one op per call
   * @throws SQLException if preparing fails
   */
  public Operation open(Connection connection, RowGenerator rows, BenchConfig config) throws SQLException {
    return switch (this) {
      case POINT_SELECT -> new PointSelectOperation(connection, rows, config.rows());
      case READ_WRITE -> new ReadWriteOperation(connection, rows, config.rows(), config.rangeSize());
      case INSERT -> new InsertOperation(connection, rows);
    };
  }

  /**
   * @param label a label as printed by {@link #label()}, case-insensitive
   * @return the workload
   */
  public static Workload fromLabel(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (Workload w : values()) {
      if (w.label.equals(wanted)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload " + label + " (point_select, read_write, insert)");
  }
}
