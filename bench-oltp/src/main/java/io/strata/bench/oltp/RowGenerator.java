package io.strata.bench.oltp;

import java.util.SplittableRandom;

/**
 * sysbench-style random values; one instance per thread (not thread-safe).
 *
 * <p>{@code c} is 10 groups of 11 random digits joined by {@code '-'} (119 chars, fits CHAR(120)); {@code pad}
 * is 5 such groups (59 chars, fits CHAR(60)). Ids and {@code k} are uniform.
 */
public final class RowGenerator {

  /** Length of a generated {@code c} value. */
  public static final int C_LENGTH = 10 * 12 - 1;
  /** Length of a generated {@code pad} value. */
  public static final int PAD_LENGTH = 5 * 12 - 1;

  private final SplittableRandom random;

  /** @param seed the seed; give each worker a different one */
  public RowGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * @param tableSize number of rows loaded
   * @return a uniformly random id in {@code [1, tableSize]}
   */
  public int id(int tableSize) {
    return 1 + random.nextInt(tableSize);
  }

  /** @return a value for the indexed column {@code k}, uniform in {@code [1, 100000]} */
  public int k() {
    return 1 + random.nextInt(100_000);
  }

  /** @return a 119-character value for {@code c} */
  public String c() {
    return digitGroups(10);
  }

  /** @return a 59-character value for {@code pad} */
  public String pad() {
    return digitGroups(5);
  }

  private String digitGroups(int groups) {
    char[] out = new char[groups * 12 - 1];
    int p = 0;
    for (int g = 0; g < groups; g++) {
      if (g > 0) {
        out[p++] = '-';
      }
      for (int d = 0; d < 11; d++) {
        out[p++] = (char) ('0' + random.nextInt(10));
      }
    }
    return new String(out);
  }
}
