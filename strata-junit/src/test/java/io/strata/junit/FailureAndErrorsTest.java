package io.strata.junit;

import io.strata.client.ClusterId;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Clones are deleted when tests fail too; a missing source or a misplaced @StrataReset is a clear error. */
class FailureAndErrorsTest {
    static final List<ClusterId> SEEN = new CopyOnWriteArrayList<>();

    @StrataSource(name = "shop", scripts = "seed/shop.sql")
    @StrataClone(source = "shop")
    static class Failing {
        @Test
        void fails(StrataDatabase db) {
            SEEN.add(db.cluster());
            throw new AssertionError("this test fails on purpose");
        }

        @Test
        @StrataClone(source = "shop")
        void failsWithItsOwnClone(StrataDatabase db) {
            SEEN.add(db.cluster());
            throw new IllegalStateException("so does this one");
        }
    }

    @StrataClone(source = "no-such-source")
    static class MissingSource {
        @Test
        void never() {
        }
    }

    static class ResetWithoutClone {
        @Test
        @StrataReset
        void never() {
        }
    }

    @Test
    void clonesOfFailingTestsAreDeleted() {
        TestExecutionSummary s = Launch.run(Map.of(), Failing.class);
        assertThat(s.getTestsFailedCount()).isEqualTo(2);
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        for (ClusterId id : SEEN) {
            assertThat(StrataEnvironment.get().client().findCluster(id)).as("%s deleted", id).isEmpty();
        }
    }

    @Test
    void aMissingSourceSaysHowToMakeIt() {
        TestExecutionSummary s = Launch.run(Map.of(), MissingSource.class);
        assertThat(s.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .hasMessageContaining("source cluster no-such-source does not exist")
                .hasMessageContaining("@StrataSource(name = \"no-such-source\""));
    }

    @Test
    void resetWithoutACloneSaysWhatIsMissing() {
        TestExecutionSummary s = Launch.run(Map.of(), ResetWithoutClone.class);
        assertThat(s.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .hasMessageContaining("needs a clone").hasMessageContaining("@StrataClone"));
    }
}
