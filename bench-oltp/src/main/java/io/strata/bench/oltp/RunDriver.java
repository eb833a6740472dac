package io.strata.bench.oltp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one workload on one target for a fixed time with N connections, one thread per connection.
 *
 * <p>All connections are opened and their statements prepared before the clock starts. Each thread then
 * runs ops back to back until the deadline; only ops that finish before the deadline count. A failed op is
 * rolled back and not counted: deadlocks, lock-wait timeouts and serialization failures (MySQL 1213, 1205,
 * SQLSTATE class 40) are "aborts", as sysbench ignores them; anything else is an "error". A thread whose
 * connection is broken (SQLSTATE class 08) stops.
 */
final class RunDriver {

  private final BenchConfig config;

  /** @param config benchmark settings */
  RunDriver(BenchConfig config) {
    this.config = config;
  }

  /**
   * Runs the workload once.
   *
   * @param target      the server
   * @param workload    the workload
   * @param connections number of connections / threads
   * @param seconds     length of the measured window
   * @param seed        base seed for the workers' random generators
   * @return the ops counted in the window, with abort and error counts
   * @throws SQLException if a connection cannot be opened or its statements prepared
   * @throws InterruptedException if interrupted while waiting for the workers
   */
  RunResult run(Target target, Workload workload, int connections, int seconds, long seed)
      throws SQLException, InterruptedException {
    List<Worker> workers = new ArrayList<>();
    CountDownLatch startGate = new CountDownLatch(1);
    Window window = new Window();
    try {
      for (int i = 0; i < connections; i++) {
        Connection c = DriverManager.getConnection(target.url());
        try {
          workers.add(new Worker(c, workload.open(c, new RowGenerator(seed * 1000 + i), config), startGate, window));
        } catch (SQLException | RuntimeException e) {
          c.close();
          throw e;
        }
      }
      workers.forEach(Thread::start);
      window.start = System.nanoTime();
      window.deadline = window.start + seconds * 1_000_000_000L;
      startGate.countDown();
      for (Worker w : workers) {
        w.join();
      }
    } finally {
      startGate.countDown();
      for (Worker w : workers) {
        w.join();
        w.closeQuietly();
      }
    }
    long ops = 0;
    long aborts = 0;
    long errors = 0;
    String first = null;
    for (Worker w : workers) {
      ops += w.ops;
      aborts += w.aborts;
      errors += w.errors;
      first = first != null ? first : w.firstError.get();
    }
    return new RunResult(ops, seconds, aborts, errors, first);
  }

  /** Start and end of the measured window, published to the workers through the start gate. */
  private static final class Window {
    long start;
    long deadline;
  }

  /** One connection's thread. */
  private static final class Worker extends Thread {
    private final Connection connection;
    private final Operation operation;
    private final CountDownLatch startGate;
    private final Window window;
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private long ops;
    private long aborts;
    private long errors;

    Worker(Connection connection, Operation operation, CountDownLatch startGate, Window window) {
      super("oltp-worker");
      setDaemon(true);
      this.connection = connection;
      this.operation = operation;
      this.startGate = startGate;
      this.window = window;
    }

    @Override
    public void run() {
      try {
        startGate.await();
      } catch (InterruptedException e) {
        return;
      }
      long deadline = window.deadline;
      if (deadline == 0) {
        return; // setup failed elsewhere, gate opened by the finally block
      }
      while (true) {
        try {
          operation.execute();
          if (System.nanoTime() > deadline) {
            return;
          }
          ops++;
        } catch (SQLException e) {
          rollbackQuietly();
          boolean retryable = isRetryable(e);
          if (retryable) {
            aborts++;
          } else {
            errors++;
          }
          firstError.compareAndSet(null, (retryable ? "abort: " : "error: ") + describe(e));
          if (isConnectionBroken(e) || System.nanoTime() > deadline) {
            return;
          }
        }
      }
    }

    private void rollbackQuietly() {
      try {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
      } catch (SQLException ignored) {
        // the connection is probably gone; the next op will tell
      }
    }

    void closeQuietly() {
      try {
        operation.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  /** @return true for deadlocks, lock-wait timeouts and serialization failures, which a client retries */
  static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || (state != null && state.startsWith("40"));
  }

  /** @return true when the connection itself failed (SQLSTATE class 08) */
  static boolean isConnectionBroken(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }

  /** @return a one-line description of an SQL error */
  static String describe(SQLException e) {
    return "[" + e.getErrorCode() + "/" + e.getSQLState() + "] " + e.getMessage();
  }
}
