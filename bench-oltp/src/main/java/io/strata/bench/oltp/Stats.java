package io.strata.bench.oltp;

import java.util.Arrays;
import java.util.List;

/** Small statistics helpers. */
public final class Stats {

  private Stats() {
  }

  /**
   * @param values at least one value
   * @return the median (mean of the two middle values for an even count)
   */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of nothing");
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
