package io.strata.engine.mysql.rewrite;

import io.strata.engine.mysql.SqlScanner;
import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.util.List;
import java.util.Set;

/**
 * {@code GROUP BY ... WITH ROLLUP} (MySQL manual 14.19.2 GROUP BY Modifiers), which H2 2.5.252 lacks, emulated
 * as a {@code UNION ALL} of the grouping levels: for {@code GROUP BY g1, .., gn WITH ROLLUP} one query block per
 * level k = n..0 groups by {@code g1..gk}, with the rolled-up columns NULL wherever the select list, HAVING and
 * {@link RollupBlock#nulled GROUPING()} use them outside an aggregate's arguments. The union is wrapped in a
 * derived table that restores the select-list names and MySQL's order:
 * <ul>
 *   <li>without ORDER BY, rows come sorted by the grouping columns (ASC, or DESC as MariaDB allows), each
 *       super-aggregate row after the rows of its group and the grand total last, as MySQL and MariaDB output
 *       them;</li>
 *   <li>HAVING is applied to every row, super-aggregate rows included (select-list aliases in it are replaced by
 *       their expressions), as in MySQL;</li>
 *   <li>ORDER BY (MySQL 8.0.12+; MariaDB 10.11 rejects it with error 1221) sorts the rolled-up result; it may name
 *       select-list aliases, positions, select-list expressions, grouping expressions and {@code GROUPING(..)}.
 *       Other forms fail with error 1235 naming what is unsupported. LIMIT applies to the rolled-up result;</li>
 *   <li>{@code GROUPING(g, ..)} (MySQL 8.0.1+) is 1 for a rolled-up g, as a bit mask for several arguments; an
 *       argument not in GROUP BY is MySQL's error 3580;</li>
 *   <li>with no input rows there is no grand-total row, as in MySQL.</li>
 * </ul>
 * {@code SELECT *} with ROLLUP and {@code SELECT DISTINCT} with ROLLUP fail with error 1235.
 */
public final class Rollup {
    private Rollup() {}

    /** True if the statement has a {@code WITH ROLLUP}: one pass over the tokens. */
    public static boolean applies(List<Token> t) {
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).kind() == Kind.WORD && t.get(i).is("ROLLUP") && t.get(i - 1).is("WITH")) return true;
        }
        return false;
    }

    /**
     * The statement with every {@code WITH ROLLUP} query block emulated, or the statement unchanged.
     *
     * @throws RewriteException for forms Strata does not emulate (error 1235) and MySQL's own errors
     */
    public static String rewrite(String sql) {
        List<Token> t = SqlScanner.tokenize(sql);
        for (int guard = 0; guard < 32 && applies(t); guard++) {
            int r = rollupIndex(t);
            int[] depth = depths(t);
            int d = depth[r], s = -1;
            for (int i = r - 1; i >= 0; i--) {
                if (depth[i] < d) break;
                if (depth[i] == d && t.get(i).is("SELECT")) s = i;
                if (depth[i] == d && (t.get(i).is("UNION") || t.get(i).is("EXCEPT") || t.get(i).is("INTERSECT"))) break;
            }
            if (s < 0) throw RewriteException.notSupported("WITH ROLLUP outside a SELECT");
            int e = r + 1;
            while (e < t.size() && depth[e] >= d && !(depth[e] == d && (t.get(e).is("UNION") || t.get(e).text().equals(";")))) {
                e++;
            }
            String block = new RollupBlock(sql, t.subList(s, e), r - s).rewrite();
            sql = sql.substring(0, t.get(s).start()) + block + sql.substring(t.get(e - 1).end());
            t = SqlScanner.tokenize(sql);
        }
        return sql;
    }

    private static int rollupIndex(List<Token> t) {
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).is("ROLLUP") && t.get(i - 1).is("WITH")) return i;
        }
        return -1;
    }

    /** Parenthesis depth before each token (a closing parenthesis has the depth of its contents minus one). */
    private static int[] depths(List<Token> t) {
        int[] d = new int[t.size()];
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.kind() == Kind.SYMBOL && x.text().equals(")")) depth--;
            d[i] = depth;
            if (x.kind() == Kind.SYMBOL && x.text().equals("(")) depth++;
        }
        return d;
    }

    /** Aggregate functions: their arguments keep the rolled-up columns (they aggregate the group's rows). */
    static final Set<String> AGGREGATES = Set.of("SUM", "COUNT", "AVG", "MIN", "MAX", "GROUP_CONCAT", "BIT_AND",
            "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP",
            "JSON_ARRAYAGG", "JSON_OBJECTAGG", "LISTAGG");
}
