package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL string functions H2 lacks, rewritten by {@link Rewriter} into H2 expressions.
 *
 * <p>{@code SUBSTRING_INDEX(str, delim, count)} (MySQL manual 14.8, String Functions): the part of
 * {@code str} before the {@code count}-th {@code delim} from the left ({@code count > 0}), or after the
 * {@code -count}-th from the right ({@code count < 0}); all of {@code str} when there are fewer delimiters;
 * '' for a count of 0 or an empty delimiter; NULL if any argument is NULL. It becomes a {@code CASE} over
 * {@code REGEXP_SUBSTR} with the delimiter quoted as a Java regex literal ({@code \Q...\E}). Flyway reads
 * the user it records in {@code flyway_schema_history.installed_by} with
 * {@code SUBSTRING_INDEX(USER(),'@',1)}.
 */
final class StringFunctions {
    private StringFunctions() {}

    /**
     * True if the statement calls a function whose H2 expression repeats its arguments: H2 cannot prepare it
     * with {@code ?} placeholders (each would be counted once per repetition), so {@link PreparedQuery} runs
     * it with the parameters substituted as literals.
     */
    static boolean repeatsArguments(List<Token> tokens) {
        boolean placeholder = false, avg = false;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("SUBSTRING_INDEX") && tokens.get(i + 1).text().equals("(")) return true;
            avg |= tokens.get(i).is("AVG") && tokens.get(i + 1).text().equals("("); // AVG(x) is SUM(x) / COUNT(x)
            placeholder |= tokens.get(i).kind() == io.strata.engine.mysql.SqlScanner.Kind.PLACEHOLDER;
        }
        return avg && (placeholder || tokens.get(tokens.size() - 1).kind() == io.strata.engine.mysql.SqlScanner.Kind.PLACEHOLDER);
    }

    /**
     * If {@code tokens[i]} starts {@code SUBSTRING_INDEX(a, b, c)}, stores its H2 expression in {@code out[0]}
     * (arguments rewritten by {@link Rewriter}) and returns the index of the closing parenthesis; else -1.
     */
    static int substringIndex(MySqlSession s, String sql, List<Token> tokens, int i, String[] out) {
        if (!tokens.get(i).is("SUBSTRING_INDEX") || i + 1 >= tokens.size() || !tokens.get(i + 1).text().equals("(")
                || (i > 0 && tokens.get(i - 1).text().equals("."))) {
            return -1;
        }
        List<String> args = new ArrayList<>();
        int depth = 0, argStart = i + 2;
        for (int j = i + 2; j < tokens.size(); j++) {
            String x = tokens.get(j).text();
            if (x.equals("(")) {
                depth++;
            } else if ((x.equals(",") && depth == 0) || (x.equals(")") && depth-- == 0)) {
                if (j == argStart) return -1;
                String arg = sql.substring(tokens.get(argStart).start(), tokens.get(j - 1).end());
                args.add("(" + Rewriter.rewrite(s, arg, SqlScanner.tokenize(arg)) + ")");
                argStart = j + 1;
                if (x.equals(")")) {
                    if (args.size() != 3) return -1; // let H2 report the wrong argument count
                    out[0] = substringIndex(args.get(0), args.get(1), args.get(2));
                    return j;
                }
            }
        }
        return -1;
    }

    /** The H2 expression of SUBSTRING_INDEX over three H2 expressions (each evaluated more than once). */
    static String substringIndex(String str, String delim, String count) {
        String d = "'\\Q' || " + delim + " || '\\E'";
        String notD = "(?:(?!' || " + d + " || ').)*";
        // H2 folds constant branches not taken too: the repetition must be valid whatever the sign of count
        String others = "GREATEST(ABS(" + count + ") - 1, 0)";
        String before = "'^(?:.*?' || " + d + " || '){' || " + others + " || '}.*?(?=' || " + d + " || ')'";
        String after = "'(?<=' || " + d + " || ')" + notD + "(?:' || " + d + " || '" + notD + "){' || " + others
                + " || '}$'";
        return "CASE WHEN " + str + " IS NULL OR " + delim + " IS NULL OR " + count + " IS NULL THEN NULL"
                + " WHEN " + count + " = 0 OR " + delim + " = '' THEN ''"
                + " WHEN " + count + " > 0 THEN COALESCE(REGEXP_SUBSTR(" + str + ", " + before + ", 1, 1, 'n'), " + str + ")"
                + " ELSE COALESCE(REGEXP_SUBSTR(" + str + ", " + after + ", 1, 1, 'n'), " + str + ") END";
    }
}
