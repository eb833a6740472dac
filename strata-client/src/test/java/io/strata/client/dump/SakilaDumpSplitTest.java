package io.strata.client.dump;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real mariadb-dump of Sakila splits as the mysql client splits it: triggers and routines whole. */
class SakilaDumpSplitTest {
    static final Path DUMP = Path.of(System.getProperty("strata.shared", "../../shared"))
            .resolve("data/sakila/sakila-mysqldump.sql.gz");

    @Test
    void splitsTheSakilaDump() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.exists(DUMP), "the shared Sakila data is not here: " + DUMP);
        }
        List<DumpStatement> all = new ArrayList<>();
        try (DumpReader r = DumpReader.open(DUMP)) {
            for (DumpStatement s = r.next(); s != null; s = r.next()) {
                all.add(s);
            }
            assertThat(r.bytesRead()).isEqualTo(Files.size(DUMP));
        }
        assertThat(all).noneMatch(s -> s.sql().toUpperCase().startsWith("DELIMITER") || s.sql().startsWith("/*M!"));
        List<DumpStatement> triggers = all.stream().filter(s -> s.sql().contains("TRIGGER")).toList();
        assertThat(triggers).hasSize(6).allSatisfy(t -> assertThat(t.sql()).startsWith("/*!50003 CREATE*/").endsWith("*/"));
        assertThat(triggers).extracting(DumpStatement::line).contains(2350L, 3427L, 3446L, 3471L, 31798L, 47896L);
        DumpStatement procedure = all.stream().filter(s -> s.sql().contains("PROCEDURE `rewards_report`")
                && s.sql().startsWith("CREATE")).findFirst().orElseThrow();
        assertThat(procedure.sql()).contains("DECLARE last_month_start DATE;").endsWith("END");
        assertThat(all.stream().filter(s -> s.sql().startsWith("INSERT INTO `rental`")).count()).isPositive();
        assertThat(all).hasSizeGreaterThan(400);
    }
}
