package io.strata.bench.oltp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

  private static final String URL = "jdbc:mysql://127.0.0.1:13306/sbtest?user=bench&password=secret";

  @Test
  void defaultsMatchTheDocumentedOnes() {
    BenchConfig c = BenchConfig.parse("--target", "mariadb=" + URL);
    assertThat(c.workloads()).containsExactly(Workload.POINT_SELECT, Workload.READ_WRITE, Workload.INSERT);
    assertThat(c.connections()).containsExactly(1, 4);
    assertThat(c.durationSec()).isEqualTo(10);
    assertThat(c.runs()).isEqualTo(3);
    assertThat(c.warmupSec()).isEqualTo(5);
    assertThat(c.serverWarmupSec()).isEqualTo(120);
    assertThat(c.rows()).isEqualTo(100_000);
    assertThat(c.baseline().name()).isEqualTo("mariadb");
  }

  @Test
  void parsesRepeatedTargetsAndBothOptionForms() {
    BenchConfig c = BenchConfig.parse("--target", "mariadb=" + URL, "--target=strata=" + URL.replace("13306", "13307"),
        "--workloads", "insert,point_select", "--connections=2", "--duration", "3", "--rows", "500",
        "--server-warmup", "0");
    assertThat(c.targets()).extracting(Target::name).containsExactly("mariadb", "strata");
    assertThat(c.targets().get(1).url()).contains(":13307/").endsWith("password=secret");
    assertThat(c.workloads()).containsExactly(Workload.INSERT, Workload.POINT_SELECT);
    assertThat(c.connections()).isEqualTo(List.of(2));
    assertThat(c.durationSec()).isEqualTo(3);
    assertThat(c.rows()).isEqualTo(500);
    assertThat(c.serverWarmupSec()).isZero();
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> BenchConfig.parse("--duration", "5")).hasMessageContaining("--target");
    assertThatThrownBy(() -> BenchConfig.parse("--target", "x=" + URL, "--bogus", "1")).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> BenchConfig.parse("--target", "x=" + URL, "--target", "x=" + URL))
        .hasMessageContaining("differ");
    assertThatThrownBy(() -> BenchConfig.parse("--target", "x=jdbc:h2:mem:")).hasMessageContaining("jdbc:mysql:");
    assertThatThrownBy(() -> BenchConfig.parse("--target", "x=" + URL, "--server-warmup", "-1"))
        .hasMessageContaining("--server-warmup");
    assertThatThrownBy(() -> BenchConfig.parse("--target", "x=" + URL, "--workloads", "tpcc"))
        .hasMessageContaining("tpcc");
  }

  @Test
  void redactsPasswords() {
    assertThat(Target.parse("m=" + URL).redactedUrl()).endsWith("password=***").doesNotContain("secret");
  }
}
