package io.strata.conformance.slt;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.conformance.InProcessStrataAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sqllogictest sample in conformance/sqllogictest (from the SQLite project's public-domain corpus, see its
 * README) against Strata through Connector/J: at least 99.9% of its records must pass.
 */
class SqlLogicTestSampleTest {
    @Test
    void sampleCorpusPasses() throws Exception {
        Path dir = Path.of(System.getProperty("conformance.dir", ".")).resolve("sqllogictest");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        long records = 0, passed = 0;
        try (InProcessStrataAccess strata = new InProcessStrataAccess()) {
            SltRunner runner = new SltRunner(strata.url(), strata.user(), strata.password());
            for (Path f : files) {
                SltRunner.Figures fig = runner.run(f);
                System.out.printf("sqllogictest %-28s %6d records %6d passed %8.3f%%%n", fig.file(), fig.records(),
                        fig.passed(), 100 * fig.ratio());
                fig.failures().forEach(x -> System.out.println("    " + x));
                records += fig.records();
                passed += fig.passed();
            }
        }
        double ratio = (double) passed / records;
        System.out.printf("sqllogictest sample: %d of %d records passed (%.3f%%)%n", passed, records, 100 * ratio);
        assertThat(ratio).as("share of sqllogictest records passing").isGreaterThanOrEqualTo(0.999);
    }
}
