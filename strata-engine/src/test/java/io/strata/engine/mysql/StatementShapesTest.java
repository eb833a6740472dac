package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shape of a statement: which literals are abstracted, which statements are not shaped. */
class StatementShapesTest {

    private static String key(String sql) {
        String k = StatementShapes.key(sql);
        return k == null ? null : k.replace('\u0001', '|');
    }

    @Test
    void literalsInPlainValuePositionsAreAbstractedByClass() {
        assertThat(key("SELECT c FROM sbtest1 WHERE id=42")).isEqualTo("SELECT c FROM sbtest1 WHERE id=|i4|");
        assertThat(key("SELECT c FROM sbtest1 WHERE id=42")).isEqualTo(key("SELECT c FROM sbtest1 WHERE id=7"));
        assertThat(key("SELECT c FROM t WHERE id BETWEEN 5 AND 104")).isEqualTo("SELECT c FROM t WHERE id BETWEEN |i4| AND |i4|");
        assertThat(key("UPDATE t SET c='x''y' WHERE id=3")).isEqualTo("UPDATE t SET c=|s| WHERE id=|i4|");
        assertThat(key("INSERT INTO t (id, k, c) VALUES (5, 12345, 'a'), (6, 7, '8')"))
                .isEqualTo("INSERT INTO t (id, k, c) VALUES (|i4|, |i9|, |s|), (|i4|, |i4|, |n|)");
        assertThat(key("DELETE FROM t WHERE id IN (1, 2) AND v >= 2.5 LIMIT 10"))
                .isEqualTo("DELETE FROM t WHERE id IN (|i4|, |i4|) AND v >= |d| LIMIT |i4|");
        // the length class keeps apart what the rewrite distinguishes (widening of long integer literals)
        assertThat(key("SELECT c FROM t WHERE id=1")).isNotEqualTo(key("SELECT c FROM t WHERE id=12345"));
        assertThat(key("SELECT c FROM t WHERE id=1234567890")).isNotEqualTo(key("SELECT c FROM t WHERE id=123456789"));
    }

    @Test
    void literalsElsewhereStayInTheShape() {
        assertThat(key("UPDATE t SET k=k+1 WHERE id=5")).isEqualTo("UPDATE t SET k=k+1 WHERE id=|i4|");
        assertThat(key("SELECT 1 FROM t")).isEqualTo("SELECT 1 FROM t");
        assertThat(key("SELECT c FROM t WHERE id = 5 + k")).isEqualTo("SELECT c FROM t WHERE id = 5 + k");
        assertThat(key("SELECT c FROM t WHERE d = DATE '2020-01-01'")).isEqualTo("SELECT c FROM t WHERE d = DATE '2020-01-01'");
        assertThat(key("SELECT c FROM t WHERE b = x'41'")).isEqualTo("SELECT c FROM t WHERE b = x'41'");
        assertThat(key("SELECT c FROM t WHERE c LIKE 'a%'")).isEqualTo("SELECT c FROM t WHERE c LIKE 'a%'");
        assertThat(key("SELECT LEFT(c, 3) FROM t1 WHERE t1.id = -5")).isEqualTo("SELECT LEFT(c, 3) FROM t1 WHERE t1.id = -5");
        assertThat(key("SELECT c FROM t WHERE j->'$.a' = 1")).isEqualTo("SELECT c FROM t WHERE j->'$.a' = |i4|");
        assertThat(key("SELECT c FROM t WHERE v = 1e3")).isEqualTo("SELECT c FROM t WHERE v = 1e3");
    }

    @Test
    void statementsResolvedPerSessionOrExecutionAreNotShaped() {
        assertThat(key("SELECT @@version")).isNull();
        assertThat(key("SELECT c FROM t WHERE id = @x")).isNull();
        assertThat(key("SELECT \"a\" FROM t")).isNull();
        assertThat(key("SELECT c FROM t WHERE c = 'a\\\\b'")).isNull();
        assertThat(key("SELECT c FROM t /* hint */ WHERE id = 1")).isNull();
        assertThat(key("SELECT c FROM t WHERE id = 1 -- note")).isNull();
        assertThat(key("SELECT c FROM t WHERE id = ?")).isNull();
        assertThat(key("SELECT 1; SELECT 2")).isNull();
        assertThat(key("SELECT c FROM t WHERE v = 1.5e3")).isNull();
        assertThat(key("SELECT c FROM t WHERE c = 'unterminated")).isNull();
        assertThat(key("SET autocommit=0")).isNull();
        assertThat(key("CREATE TABLE t (id INT)")).isNull();
        assertThat(key(" SELECT 1")).isNull();
        assertThat(key("SELECT (1")).isNull();
        assertThat(key("SELECT 'x" + (char) 1 + "' FROM t")).isNull();
        assertThat(key("SELECT 1 FROM t WHERE c = '" + "x".repeat(StatementShapes.MAX_SQL) + "'")).isNull();
    }

    @Test
    void preparableLiteralsBecomeParameters() {
        StatementShapes.Shape s = StatementShapes.shape("SELECT c FROM sbtest1 WHERE id=42");
        assertThat(s.preparable()).isTrue();
        assertThat(s.values()).containsExactly(42);
        assertThat(s.h2Sql()).isEqualTo("SELECT c FROM sbtest1 WHERE id=?");
        s = StatementShapes.shape("UPDATE t SET c='it''s', k=k+1 WHERE id BETWEEN 5 AND 007");
        assertThat(s.preparable()).isTrue();
        assertThat(s.values()).containsExactly("it's", 5, 7);
        assertThat(s.h2Sql()).isEqualTo("UPDATE t SET c=?, k=k+1 WHERE id BETWEEN ? AND ?");
        s = StatementShapes.shape("INSERT INTO t (id, c) VALUES (1, 'a'), (2, 'b') ON DUPLICATE KEY UPDATE c = 'z'");
        assertThat(s.preparable()).isTrue();
        assertThat(s.values()).containsExactly(1, "a", 2, "b", "z");
        assertThat(s.h2Sql()).isEqualTo("INSERT INTO t (id, c) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE c = ?");
        s = StatementShapes.shape("SELECT c FROM t WHERE id IN (SELECT id FROM u WHERE k = 3)");
        assertThat(s.preparable()).isTrue();
        assertThat(s.h2Sql()).isEqualTo("SELECT c FROM t WHERE id IN (SELECT id FROM u WHERE k = ?)");
    }

    @Test
    void literalsWhoseMeaningCouldChangeAsParametersAreNotPreparable() {
        assertThat(StatementShapes.shape("SELECT c FROM t WHERE c = 'a'").preparable()).isFalse(); // string compared
        assertThat(StatementShapes.shape("SELECT c FROM t WHERE v = 2.5").preparable()).isFalse();
        assertThat(StatementShapes.shape("SELECT c FROM t WHERE id = 1234567890").preparable()).isFalse();
        assertThat(StatementShapes.shape("SELECT c FROM t WHERE id = 1 LIMIT 5").preparable()).isFalse();
        assertThat(StatementShapes.shape("SELECT c FROM t WHERE id IN (1, 2)").preparable()).isFalse();
        // in a select list H2 names the column after the expression
        assertThat(StatementShapes.shape("SELECT id = 1, c FROM t WHERE k = 2").preparable()).isFalse();
        assertThat(StatementShapes.shape("SELECT id = 1 FROM t WHERE k = 2").h2Sql()).isEqualTo("SELECT id = 1 FROM t WHERE k = ?");
        assertThat(StatementShapes.shape("SELECT (SELECT c FROM u WHERE u.id = 1) FROM t").preparable()).isFalse();
        assertThat(StatementShapes.shape("SELECT c FROM t").preparable()).isFalse(); // nothing to bind
    }

    @Test
    void boundedLeastRecentlyUsedFirst() {
        StatementShapes shapes = new StatementShapes();
        shapes.rememberPassThrough("first");
        for (int i = 0; i < StatementShapes.CAPACITY; i++) {
            shapes.rememberPassThrough("s" + i);
            assertThat(shapes.passesThrough("first")).isTrue(); // used: stays
        }
        assertThat(shapes.size()).isEqualTo(StatementShapes.CAPACITY);
        assertThat(shapes.passesThrough("s0")).isFalse();
        shapes.clear();
        assertThat(shapes.passesThrough("first")).isFalse();
    }
}
