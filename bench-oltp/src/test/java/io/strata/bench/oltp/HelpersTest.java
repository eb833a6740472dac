package io.strata.bench.oltp;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpersTest {

  @Test
  void generatedValuesFitTheSchema() {
    RowGenerator g = new RowGenerator(7);
    for (int i = 0; i < 1000; i++) {
      assertThat(g.c()).hasSize(RowGenerator.C_LENGTH).hasSize(119).matches("(\\d{11}-){9}\\d{11}");
      assertThat(g.pad()).hasSize(RowGenerator.PAD_LENGTH).hasSize(59);
      assertThat(g.id(10)).isBetween(1, 10);
      assertThat(g.k()).isBetween(1, 100_000);
    }
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  void multiRowInsertHasOneTuplePerRow() {
    assertThat(SchemaLoader.multiRowInsert(3))
        .isEqualTo("INSERT INTO sbtest1 (id, k, c, pad) VALUES (?,?,?,?),(?,?,?,?),(?,?,?,?)");
  }

  @Test
  void classifiesErrors() {
    assertThat(RunDriver.isRetryable(new SQLException("deadlock", "40001", 1213))).isTrue();
    assertThat(RunDriver.isRetryable(new SQLException("lock wait", "HY000", 1205))).isTrue();
    assertThat(RunDriver.isRetryable(new SQLException("syntax", "42000", 1064))).isFalse();
    assertThat(RunDriver.isConnectionBroken(new SQLException("gone", "08S01", 0))).isTrue();
  }

  @Test
  void tableShowsRatiosAgainstThresholds() {
    Target base = Target.parse("mariadb=jdbc:mysql://h/db");
    Target strata = Target.parse("strata=jdbc:mysql://h/db2");
    ResultTable t = new ResultTable(List.of(base, strata));
    for (double v : new double[] {90, 100, 110}) {
      t.add(base, Workload.POINT_SELECT, 1, new RunResult((long) (v * 10), 10, 0, 0, null));
      t.add(base, Workload.INSERT, 1, new RunResult((long) (v * 10), 10, 0, 0, null));
      t.add(strata, Workload.POINT_SELECT, 1, new RunResult((long) (v * 9), 10, 0, 0, null));
      t.add(strata, Workload.INSERT, 1, new RunResult((long) (v * 9), 10, 1, 0, "abort: x"));
    }
    t.declare(Workload.READ_WRITE, 4);
    String out = t.render();
    assertThat(out).contains("strata/mariadb");
    assertThat(lineOf(out, "point_select")).contains("100.0 ±10%", "90.0 ±10%", "0.90x", ">=1.0x", "FAIL");
    assertThat(lineOf(out, "insert")).contains("90.0 ±10%*", "0.90x", ">=0.8x", "PASS");
    assertThat(lineOf(out, "read_write")).contains("n/a", "FAIL");
  }

  private static String lineOf(String table, String prefix) {
    return table.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }
}
