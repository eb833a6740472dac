package io.strata.bench.oltp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * (Re)creates and loads the sysbench table {@code sbtest1}: ids 1..rows, loaded with multi-row INSERTs in
 * autocommit mode, the secondary index on {@code k} created after the load (as sysbench does).
 */
final class SchemaLoader {

  private static final String CREATE = "CREATE TABLE sbtest1 ("
      + "id INT NOT NULL AUTO_INCREMENT, "
      + "k INT NOT NULL DEFAULT 0, "
      + "c CHAR(120) NOT NULL DEFAULT '', "
      + "pad CHAR(60) NOT NULL DEFAULT '', "
      + "PRIMARY KEY (id))";

  private SchemaLoader() {
  }

  /**
   * Drops and reloads {@code sbtest1} on a target, then checks the row count.
   *
   * @param target    the server
   * @param rows      number of rows
   * @param batchRows rows per INSERT statement
   * @return seconds spent loading (including the index build)
   * @throws SQLException on any server error, or if the count does not match
   */
  static double load(Target target, int rows, int batchRows) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(target.url());
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("DROP TABLE IF EXISTS sbtest1");
      s.execute(CREATE);
      RowGenerator gen = new RowGenerator(42);
      int full = rows / batchRows;
      int rest = rows % batchRows;
      int nextId = 1;
      if (full > 0) {
        try (PreparedStatement ps = c.prepareStatement(multiRowInsert(batchRows))) {
          for (int b = 0; b < full; b++) {
            nextId = bindAndRun(ps, gen, nextId, batchRows);
          }
        }
      }
      if (rest > 0) {
        try (PreparedStatement ps = c.prepareStatement(multiRowInsert(rest))) {
          bindAndRun(ps, gen, nextId, rest);
        }
      }
      s.execute("CREATE INDEX k_1 ON sbtest1 (k)");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sbtest1")) {
        long count = rs.next() ? rs.getLong(1) : -1;
        if (count != rows) {
          throw new SQLException(target.name() + ": loaded " + rows + " rows but COUNT(*) says " + count);
        }
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** @return {@code INSERT INTO sbtest1 (id, k, c, pad) VALUES (?,?,?,?),...} with {@code n} row tuples */
  static String multiRowInsert(int n) {
    StringBuilder sql = new StringBuilder("INSERT INTO sbtest1 (id, k, c, pad) VALUES ");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?)");
    }
    return sql.toString();
  }

  private static int bindAndRun(PreparedStatement ps, RowGenerator gen, int firstId, int n) throws SQLException {
    int p = 1;
    for (int i = 0; i < n; i++) {
      ps.setInt(p++, firstId + i);
      ps.setInt(p++, gen.k());
      ps.setString(p++, gen.c());
      ps.setString(p++, gen.pad());
    }
    ps.executeUpdate();
    return firstId + n;
  }
}
