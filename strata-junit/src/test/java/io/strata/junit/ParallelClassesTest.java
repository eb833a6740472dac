package io.strata.junit;

import io.strata.client.ClusterId;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test classes run in parallel (JUnit's parallel execution, classes concurrent) each get a clone of their own:
 * three classes meet at a barrier inside their tests (so they surely run at the same time), each writes, and
 * each sees only its own write. Their clones are gone afterwards.
 */
class ParallelClassesTest {
    static final Set<ClusterId> CLONES = ConcurrentHashMap.newKeySet();
    static final CyclicBarrier WRITTEN = new CyclicBarrier(3);

    static void ownRowOnly(DataSource ds, StrataDatabase db, int id) throws Exception {
        CLONES.add(db.cluster());
        Db.exec(ds, "INSERT INTO product VALUES (" + id + ", 'class " + id + "', 1.00)");
        WRITTEN.await(120, TimeUnit.SECONDS);
        assertThat(Db.column(ds, "SELECT id FROM product WHERE id >= 100")).containsExactly(Integer.toString(id));
    }

    @StrataSource(name = "shop", scripts = "seed/shop.sql")
    @StrataClone(source = "shop", database = "shop")
    static class First {
        @Test
        void ownClone(DataSource ds, StrataDatabase db) throws Exception {
            ownRowOnly(ds, db, 101);
        }
    }

    @StrataSource(name = "shop", scripts = "seed/shop.sql")
    @StrataClone(source = "shop", database = "shop")
    static class Second {
        @Test
        void ownClone(DataSource ds, StrataDatabase db) throws Exception {
            ownRowOnly(ds, db, 102);
        }
    }

    @StrataSource(name = "shop", scripts = "seed/shop.sql")
    @StrataClone(source = "shop", database = "shop")
    @StrataReset
    static class Third {
        @Test
        void ownClone(DataSource ds, StrataDatabase db) throws Exception {
            ownRowOnly(ds, db, 103);
        }
    }

    @Test
    void parallelClassesGetSeparateClones() {
        TestExecutionSummary s = Launch.run(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"), First.class, Second.class, Third.class);
        s.getFailures().forEach(f -> f.getException().printStackTrace());
        assertThat(s.getTestsSucceededCount()).isEqualTo(3);
        assertThat(s.getTotalFailureCount()).isZero();
        assertThat(CLONES).hasSize(3);
        for (ClusterId id : CLONES) {
            assertThat(StrataEnvironment.get().client().findCluster(id)).as("%s deleted", id).isEmpty();
        }
    }
}
