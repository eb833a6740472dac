package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT ... INTO @var [, @var ...] ...} (MySQL 15.2.13.1 SELECT ... INTO): H2 has no INTO for user
 * variables, so the query runs without the clause and each variable is set from the single row.
 */
final class SelectInto {
    private SelectInto() {}

    /** The statement's result if it is a SELECT ... INTO @var, else null. */
    static Result execute(MySqlSession s, String text, List<Token> t) throws SQLException {
        int depth = 0, into = -1;
        for (int i = 0; i < t.size(); i++) {
            String x = t.get(i).text();
            if (x.equals("(")) depth++;
            else if (x.equals(")")) depth--;
            else if (depth == 0 && t.get(i).is("INTO") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.VARIABLE) {
                into = i;
                break;
            }
        }
        if (into < 0) return null;
        List<String> vars = new ArrayList<>();
        int end = into + 1;
        while (end < t.size() && t.get(end).kind() == Kind.VARIABLE) {
            vars.add(t.get(end).text());
            end++;
            if (end < t.size() && t.get(end).text().equals(",")) end++;
            else break;
        }
        String query = text.substring(0, t.get(into).start()) + (end < t.size() ? text.substring(t.get(end).start()) : "");
        Result r = s.execute(query);
        if (!(r instanceof Result.Rows rows)) throw MySqlErrors.syntax(text);
        if (rows.columns().size() != vars.size()) {
            throw MySqlErrors.error(1222, "21000", "The used SELECT statements have a different number of columns");
        }
        if (rows.rows().isEmpty()) {
            s.warnings().add(new String[] {"Warning", "1329", "No data - zero rows fetched, selected, or processed"});
            return new Result.Update(0, 0, s.warningCount(), "");
        }
        if (rows.rows().size() > 1) throw MySqlErrors.error(1172, "42000", "Result consisted of more than one row");
        Object[] row = rows.rows().get(0);
        for (int i = 0; i < vars.size(); i++) {
            Commands.exec(s, "SET " + vars.get(i) + " = " + SqlScanner.literal(row[i]));
        }
        return new Result.Update(1, 0, s.warningCount(), "");
    }
}
