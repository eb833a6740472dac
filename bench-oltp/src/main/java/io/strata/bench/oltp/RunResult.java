package io.strata.bench.oltp;

/**
 * Outcome of one timed run.
 *
 * @param ops        ops completed inside the measured window
 * @param seconds    length of the window
 * @param aborts     ops rolled back on a deadlock / lock-wait timeout / serialization failure (not counted)
 * @param errors     ops that failed with any other error (not counted)
 * @param firstError message of the first error or abort, or {@code null}
 */
public record RunResult(long ops, double seconds, long aborts, long errors, String firstError) {

  /** @return completed ops per second */
  public double opsPerSecond() {
    return ops / seconds;
  }
}
